// Moves the keyboard focus to the first input (in document order) that shows an error, inside `root` or the
// whole page, and brings it into view. MudBlazor marks an input in error with aria-invalid; a control that is
// not an input (a prompt's button, an alert) opts in with data-error-focus.
export function focusFirstInvalid(root) {
    const scope = root instanceof Element ? root : document;
    const target = scope.querySelector("[aria-invalid='true'], [data-error-focus]");
    if (!target) {
        return false;
    }

    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    return true;
}
