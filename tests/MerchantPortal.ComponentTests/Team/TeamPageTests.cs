using Bunit;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Components.Account;
using MerchantPortal.Email;
using MerchantPortal.Web.Components.Account.Email;
using MerchantPortal.Web.Components.Shared;
using MerchantPortal.Web.Features.Team;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Team;

/// <summary>The team page of a merchant's team admin, against the real services on a SQLite database.</summary>
public sealed class TeamPageTests : PortalComponentTest, IAsyncLifetime
{
    private readonly CapturedEmails _emails = new();
    private CoreTestHost _core = default!;
    private MerchantSummary _merchant = default!;
    private UserSummary _owner = default!;
    private UserSummary _clerk = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        _merchant = await _core.Catalog.MerchantAsync();
        var users = _core.Get<UserAdminService>();
        _owner = (await users.CreateAsync(new CreateUser("owner@acme.test", "Olive Owner", Roles.Merchant, _merchant.Id, "Correct-Horse-42!", IsTeamAdmin: true), TestCatalog.Admin)).Value;
        _clerk = (await users.CreateAsync(new CreateUser("clerk@acme.test", "Nick Clerk", Roles.Merchant, _merchant.Id, "Correct-Horse-42!"), TestCatalog.Admin)).Value;
        Services.AddSingleton(users);
        Services.AddSingleton(_core.Get<TeamService>());
        Services.AddSingleton(_core.Get<MerchantService>());
        Services.AddSingleton<IEmailTransport>(_emails);
        Services.AddSingleton<PortalEmail>();
        Services.AddScoped<AccountLinks>();
        Services.AddScoped<FormFocus>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SignInAs(Roles.Merchant, userId: _owner.Id, merchantId: _merchant.Id, teamAdmin: true);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public void The_team_lists_the_merchants_users_and_offers_no_actions_on_oneself()
    {
        var page = Render<TeamPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='team-table'] tbody tr").Count));
        Assert.Contains("(you)", page.Find("[data-testid='team-table']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='team-actions-owner@acme.test']"));
        Assert.Single(page.FindAll("[data-testid='team-actions-clerk@acme.test']"));
    }

    [Fact]
    public async Task The_invitation_form_shows_every_error_at_once_and_invites_nobody()
    {
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<InviteColleagueDialog>("Invite",
            new DialogParameters<InviteColleagueDialog> { { d => d.MerchantId, _merchant.Id } }));
        provider.Find("[data-testid='colleague-email']").Change("not an email");

        provider.Find("[data-testid='colleague-invite']").Click();

        provider.WaitForAssertion(() => Assert.StartsWith("Enter a valid email address", MessageFor(provider, "colleague-email"), StringComparison.Ordinal));
        Assert.Equal("Enter the user's name.", MessageFor(provider, "colleague-name"));
        Assert.Empty(_emails.Sent);
        Assert.Equal(2, (await _core.Get<UserAdminService>().SearchAsync(new UserQuery(MerchantId: _merchant.Id))).TotalCount);
    }

    [Fact]
    public async Task A_valid_invitation_adds_the_colleague_and_emails_them_a_link()
    {
        var provider = Render<MudDialogProvider>();
        IDialogReference dialog = default!;
        await provider.InvokeAsync(async () => dialog = await Services.GetRequiredService<IDialogService>().ShowAsync<InviteColleagueDialog>("Invite",
            new DialogParameters<InviteColleagueDialog> { { d => d.MerchantId, _merchant.Id } }));
        provider.Find("[data-testid='colleague-email']").Change("new@acme.test");
        provider.Find("[data-testid='colleague-name']").Change("Nia New");

        provider.Find("[data-testid='colleague-invite']").Click();

        var result = await dialog.Result;
        var invited = Assert.IsType<UserSummary>(result!.Data);
        Assert.Equal(_merchant.Id, invited.MerchantId);
        Assert.Equal("new@acme.test", _emails.LastTo("new@acme.test").To);
    }

    [Fact]
    public async Task A_large_team_is_listed_a_page_at_a_time_and_can_be_searched()
    {
        var users = _core.Get<UserAdminService>();
        for (var i = 1; i <= 28; i++)
        {
            await users.CreateAsync(new CreateUser($"member{i:00}@acme.test", $"Member {i:00}", Roles.Merchant, _merchant.Id), TestCatalog.Admin);
        }

        var page = Render<TeamPage>();
        page.WaitForAssertion(() => Assert.Equal(TeamService.PageSize, page.FindAll("[data-testid='team-table'] tbody tr").Count));
        Assert.Equal("1–25 of 30", page.Find("[data-testid='team-range']").TextContent.Trim());

        page.Find("[data-testid='team-pages'] [aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid='team-table'] tbody tr").Count));
        Assert.Equal("26–30 of 30", page.Find("[data-testid='team-range']").TextContent.Trim());

        await page.InvokeAsync(() => page.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("member07"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='team-table'] tbody tr")));
        Assert.Contains("Member 07", page.Find("[data-testid='team-table']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='team-pages']"));
    }

    private static string MessageFor(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
