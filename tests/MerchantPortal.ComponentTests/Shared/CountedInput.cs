using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace MerchantPortal.ComponentTests.Shared;

/// <summary>
/// An input that counts up to a service's limit instead of setting <c>maxlength</c>: text one character over the limit
/// is kept whole and the service's own message shows at the input.
/// </summary>
internal static class CountedInput
{
    // MudBlazor's default, the browser's own limit: anything else would cut a paste.
    private const string BrowserDefault = "524288";

    /// <summary>Types one character more than <paramref name="limit"/> and checks the message, the whole text and the missing cut.</summary>
    public static void AssertTooLongIsShownNotCut<T>(IRenderedComponent<T> rendered, string testId, int limit, string message)
        where T : IComponent
    {
        var text = new string('x', limit + 1);
        rendered.Find($"[data-testid='{testId}']").Input(text);

        rendered.WaitForAssertion(() => Assert.StartsWith(message, HelperText(rendered, testId), StringComparison.Ordinal));
        AssertKeptWhole(rendered, testId, text);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{limit + 1} / {limit}"), HelperText(rendered, testId), StringComparison.Ordinal);
    }

    /// <summary>The input holds all of <paramref name="text"/>, and no maxlength but the browser's own is set.</summary>
    public static void AssertKeptWhole<T>(IRenderedComponent<T> rendered, string testId, string text)
        where T : IComponent
    {
        var input = rendered.Find($"[data-testid='{testId}']");
        Assert.Equal(text, input.GetAttribute("value") ?? input.TextContent);
        Assert.True(input.GetAttribute("maxlength") is null or BrowserDefault, $"maxlength=\"{input.GetAttribute("maxlength")}\" cuts the input.");
    }

    /// <summary>The helper, error and counter line under the input.</summary>
    public static string HelperText<T>(IRenderedComponent<T> rendered, string testId)
        where T : IComponent =>
        rendered.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
