using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>Moves through a page the way a keyboard user does: Tab and Shift+Tab only, never a click or a programmatic focus.</summary>
public static class Keyboard
{
    private const int MaxTabs = 80;

    private const string HoldsFocus = "el => el === document.activeElement || el.contains(document.activeElement)";

    /// <summary>
    /// Presses Tab until the focus is on <paramref name="target"/> (or inside it, for a component wrapping its input)
    /// and stays there: a control passed on the way may answer its focus late (a search opening its list takes its
    /// focus back), as it would for a fast keyboard user.
    /// </summary>
    public static async Task TabToAsync(this IPage page, ILocator target, bool backwards = false)
    {
        var handle = await target.ElementHandleAsync();
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await handle.EvaluateAsync<bool>(HoldsFocus))
            {
                await page.WaitForTimeoutAsync(300);
                if (await handle.EvaluateAsync<bool>(HoldsFocus))
                {
                    return;
                }
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        throw new InvalidOperationException($"{MaxTabs} presses of Tab never reached {target}.");
    }
}
