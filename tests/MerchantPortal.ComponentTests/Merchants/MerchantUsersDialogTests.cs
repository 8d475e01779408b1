using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Merchants;

/// <summary>The merchants page's users dialog: one merchant's users, a note when there are more than it lists, and the way to the team page.</summary>
public sealed class MerchantUsersDialogTests : CoreComponentTest
{
    [Fact]
    public async Task The_dialog_lists_the_merchants_users_only_and_links_to_its_team()
    {
        var merchant = await Core.Catalog.MerchantAsync();
        await AddUsersAsync(merchant, "owner@acme.test", "clerk@acme.test");
        await AddUsersAsync(await Core.Catalog.MerchantAsync(), "someone@elsewhere.test");

        var dialog = await OpenAsync(merchant);

        Assert.Equal(["clerk@acme.test", "owner@acme.test"],
            dialog.FindAll("[data-testid='team-table'] tbody tr").Select(EmailOf).Order(StringComparer.Ordinal));
        Assert.Empty(dialog.FindAll("[data-testid='merchant-users-more']"));
        Assert.Equal($"/team?merchant={merchant.Id}", dialog.Find("[data-testid='merchant-manage-team']").GetAttribute("href"));
    }

    [Fact]
    public async Task More_users_than_one_page_are_counted_and_the_first_page_is_listed()
    {
        var emails = Enumerable.Range(1, TeamService.PageSize + 2).Select(i => $"user{i:D2}@acme.test").ToArray();
        var merchant = await Core.Catalog.MerchantAsync();
        await AddUsersAsync(merchant, emails);

        var dialog = await OpenAsync(merchant);

        Assert.Equal(TeamService.PageSize, dialog.FindAll("[data-testid='team-table'] tbody tr").Count);
        Assert.Equal($"The first {TeamService.PageSize} of {emails.Length} users; Manage team lists and searches them all.",
            dialog.Find("[data-testid='merchant-users-more']").TextContent.Trim());
    }

    private async Task AddUsersAsync(MerchantSummary merchant, params string[] emails)
    {
        var users = Core.Get<UserAdminService>();
        foreach (var email in emails)
        {
            var created = await users.CreateAsync(new CreateUser(email, email.Split('@')[0], Roles.Merchant, merchant.Id), TestCatalog.Admin);
            Assert.True(created.Succeeded, created.Error?.Message);
        }
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(MerchantSummary merchant)
    {
        Services.AddSingleton(Core.Get<UserAdminService>());
        SignInAs(Roles.Admin);
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MerchantUsersDialog>($"Users of {merchant.Name}",
            new DialogParameters<MerchantUsersDialog> { { d => d.Merchant, merchant } }));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid='team-table'] tbody tr")));
        return provider;
    }

    private static string EmailOf(AngleSharp.Dom.IElement row) =>
        row.QuerySelector("[data-testid^='team-status-']")!.GetAttribute("data-testid")!["team-status-".Length..];
}
