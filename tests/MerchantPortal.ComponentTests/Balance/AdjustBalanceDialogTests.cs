using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Balance;
using MerchantPortal.Web.Features.Merchants;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MerchantPortal.ComponentTests.Balance;

/// <summary>The admin's money dialogs against the real ledger and merchant services on SQLite.</summary>
public sealed class AdjustBalanceDialogTests : PortalComponentTest, IAsyncLifetime
{
    private CoreTestHost _core = default!;
    private MerchantSummary _merchant = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        _merchant = await _core.Catalog.MerchantAsync(balance: 10m);
        Services.AddSingleton(_core.Get<LedgerService>());
        Services.AddSingleton(_core.Get<MerchantService>());
        SignInAs(Roles.Admin);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task A_debit_larger_than_the_balance_is_refused_and_books_nothing()
    {
        var provider = await ShowAdjustAsync();
        provider.Find("[data-testid='adjust-debit']").Click();
        provider.Find("[data-testid='adjust-amount']").Change("25");
        provider.Find("[data-testid='adjust-reason']").Change("Chargeback");

        provider.Find("[data-testid='adjust-save']").Click();

        provider.WaitForAssertion(() => Assert.Contains("balance is too low", provider.Markup, StringComparison.Ordinal));
        Assert.Equal(1000, (await _core.Get<LedgerService>().GetBalanceAsync(_merchant.Id, Actor.System))!.Value.Minor);
    }

    [Fact]
    public async Task A_missing_reason_is_reported_at_the_reason_field()
    {
        var provider = await ShowAdjustAsync();
        provider.Find("[data-testid='adjust-amount']").Change("5");

        provider.Find("[data-testid='adjust-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal("Say why the balance is changed; it is kept in the ledger.", HelperText(provider, "adjust-reason")));
    }

    [Fact]
    public async Task A_new_merchant_with_an_invalid_currency_is_refused_at_the_currency_field()
    {
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MerchantDialog>("New merchant"));
        provider.Find("[data-testid='merchant-name']").Change("Fabrikam");
        provider.Find("[data-testid='merchant-currency']").Change("EURO");

        provider.Find("[data-testid='merchant-save']").Click();

        provider.WaitForAssertion(() => Assert.StartsWith("Enter a three-letter ISO 4217 currency code", HelperText(provider, "merchant-currency"), StringComparison.Ordinal));
        Assert.Null(await _core.Get<MerchantService>().FindByNameAsync("Fabrikam"));
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAdjustAsync()
    {
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<AdjustBalanceDialog> { { d => d.MerchantId, _merchant.Id }, { d => d.Currency, "USD" } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<AdjustBalanceDialog>("Adjust", parameters));
        return provider;
    }

    private static string HelperText(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
