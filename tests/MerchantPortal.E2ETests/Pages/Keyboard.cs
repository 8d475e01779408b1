using Microsoft.Playwright;

namespace MerchantPortal.E2ETests.Pages;

/// <summary>Moves through a page the way a keyboard user does: Tab and Shift+Tab only, never a click or a programmatic focus.</summary>
public static class Keyboard
{
    private const int MaxTabs = 80;

    /// <summary>Presses Tab until the focus is on <paramref name="target"/> (or inside it, for a component wrapping its input).</summary>
    public static async Task TabToAsync(this IPage page, ILocator target, bool backwards = false)
    {
        var handle = await target.ElementHandleAsync();
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await handle.EvaluateAsync<bool>("el => el === document.activeElement || el.contains(document.activeElement)"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        throw new InvalidOperationException($"{MaxTabs} presses of Tab never reached {target}.");
    }
}
