using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace MerchantPortal.ComponentTests.Layout;

public sealed class MainLayoutTests : CoreComponentTest
{
    [Fact]
    public void The_shell_has_an_app_bar_navigation_and_the_page()
    {
        SignInAs(Roles.Admin, name: "Ada Admin");

        var layout = RenderLayout(theme: ThemePreference.Light);

        Assert.Contains("Merchant Portal", layout.Find(".mp-brand").TextContent, StringComparison.Ordinal);
        Assert.NotNull(layout.Find("[data-testid='nav-users']"));
        Assert.Equal("Page body", layout.Find("#page-body").TextContent);
        Assert.Contains("Ada Admin", layout.Find("[data-testid='user-menu-button']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_theme_toggle_switches_to_dark_and_remembers_the_choice()
    {
        SignInAs(Roles.Merchant);
        var module = JSInterop.SetupModule("./js/theme.js");
        var layout = RenderLayout(theme: ThemePreference.Light);
        Assert.Equal("Switch to dark theme", layout.Find("[data-testid='theme-toggle']").GetAttribute("aria-label"));

        layout.Find("[data-testid='theme-toggle']").Click();

        Assert.Equal(ThemePreference.Dark, module.VerifyInvoke("rememberTheme").Arguments[0]);
        Assert.Equal("Switch to light theme", layout.Find("[data-testid='theme-toggle']").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_remembered_dark_choice_renders_dark_from_the_start()
    {
        SignInAs(Roles.Support);

        var layout = RenderLayout(theme: ThemePreference.Dark);

        Assert.Equal("Switch to light theme", layout.Find("[data-testid='theme-toggle']").GetAttribute("aria-label"));
    }

    [Fact]
    public void Keyboard_users_can_skip_to_the_content()
    {
        SignInAs(Roles.Support);

        var layout = RenderLayout(theme: ThemePreference.Light);

        Assert.Equal("#main-content", layout.Find(".mp-skip-link").GetAttribute("href"));
        Assert.NotNull(layout.Find("main#main-content"));
    }

    private IRenderedComponent<MainLayout> RenderLayout(string theme) =>
        Render<MainLayout>(parameters => parameters
            .Add(l => l.Body, (RenderFragment)(b =>
            {
                b.OpenElement(0, "p");
                b.AddAttribute(1, "id", "page-body");
                b.AddContent(2, "Page body");
                b.CloseElement();
            }))
            .AddCascadingValue("Theme", theme));
}
