// Remembers the portal's light/dark choice for a year, so the server renders it on the next visit.
export function rememberTheme(theme) {
    document.cookie = `mp-theme=${theme}; path=/; max-age=31536000; samesite=lax`;
    document.body.classList.toggle("mp-dark", theme === "dark");
}
