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
        provider.Find("[data-testid='adjust-reason']").Input("Chargeback");

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

        provider.WaitForAssertion(() => Assert.StartsWith("Say why the balance is changed; it is kept in the ledger.", HelperText(provider, "adjust-reason"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_invalid_value_is_reported_at_its_field_at_once_and_the_first_is_focused()
    {
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var provider = await ShowAdjustAsync();
        provider.Find("[data-testid='adjust-amount']").Change("-5");

        provider.Find("[data-testid='adjust-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal(
            "Enter the amount without a sign; choose Credit or Debit for the direction.", HelperText(provider, "adjust-amount")));
        Assert.StartsWith("Say why the balance is changed; it is kept in the ledger.", HelperText(provider, "adjust-reason"), StringComparison.Ordinal);
        Assert.Equal("true", provider.Find("[data-testid='adjust-amount']").GetAttribute("aria-invalid"));
        Assert.Empty(provider.FindAll("[data-testid='adjust-error']"));
        provider.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"));
        await AssertBalanceAsync(1000, entries: 1);
    }

    [Fact]
    public async Task An_amount_with_more_decimals_than_the_currency_is_reported_not_rounded()
    {
        var provider = await ShowAdjustAsync();
        provider.Find("[data-testid='adjust-amount']").Change("12.345");
        provider.Find("[data-testid='adjust-reason']").Input("Deposit");

        provider.Find("[data-testid='adjust-save']").Click();

        provider.WaitForAssertion(() => Assert.Equal("USD amounts have at most 2 decimals.", HelperText(provider, "adjust-amount")));
        await AssertBalanceAsync(1000, entries: 1);
    }

    [Fact]
    public async Task A_pasted_reason_longer_than_the_ledger_keeps_is_shown_as_an_error_and_kept_whole()
    {
        var provider = await ShowAdjustAsync();
        var reason = new string('r', LedgerEntry.MaxDescriptionLength + 1);

        provider.Find("[data-testid='adjust-reason']").Input(reason);

        provider.WaitForAssertion(() => Assert.StartsWith("The reason can be at most 500 characters.", HelperText(provider, "adjust-reason"), StringComparison.Ordinal));
        Assert.Equal(reason, provider.Find("[data-testid='adjust-reason']").GetAttribute("value") ?? provider.Find("[data-testid='adjust-reason']").TextContent);
        // MudBlazor leaves the browser's own limit (524288); the ledger's limit is the counter's, not the input's.
        Assert.NotEqual($"{LedgerEntry.MaxDescriptionLength}", provider.Find("[data-testid='adjust-reason']").GetAttribute("maxlength"));
        Assert.Contains($"501 / {LedgerEntry.MaxDescriptionLength}", HelperText(provider, "adjust-reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amount_above_the_limit_is_confirmed_in_figures_and_words_and_then_books_exactly_once()
    {
        var provider = await ShowAdjustAsync();
        provider.Find("[data-testid='adjust-amount']").Change("12500");
        provider.Find("[data-testid='adjust-reason']").Input("Wire 5531");

        provider.Find("[data-testid='adjust-save']").Click();

        provider.WaitForAssertion(() => Assert.Contains(
            $"Credit USD 12,500.00 (twelve thousand five hundred US dollars) to {_merchant.Name}?",
            provider.Find("[data-testid='adjust-confirmation']").TextContent, StringComparison.Ordinal));
        await AssertBalanceAsync(1000, entries: 1);

        provider.Find("[data-testid='adjust-confirm']").Click();
        // A second click, if the dialog is still open, sends the same idempotency key.
        foreach (var again in provider.FindAll("[data-testid='adjust-confirm']"))
        {
            again.Click();
        }

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid='adjust-dialog']")));
        await AssertBalanceAsync(1_251_000, entries: 2);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_books_nothing()
    {
        var provider = await ShowAdjustAsync();
        provider.Find("[data-testid='adjust-amount']").Change("12500");
        provider.Find("[data-testid='adjust-reason']").Input("Wire 5531");
        provider.Find("[data-testid='adjust-save']").Click();
        provider.WaitForElement("[data-testid='adjust-confirmation']");

        provider.Find("[data-testid='adjust-cancel']").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid='adjust-dialog']")));
        await AssertBalanceAsync(1000, entries: 1);
    }

    [Fact]
    public async Task Going_back_from_the_confirmation_keeps_what_was_typed()
    {
        var provider = await ShowAdjustAsync();
        provider.Find("[data-testid='adjust-amount']").Change("12500");
        provider.Find("[data-testid='adjust-reason']").Input("Wire 5531");
        provider.Find("[data-testid='adjust-save']").Click();
        provider.WaitForElement("[data-testid='adjust-confirmation']");

        provider.Find("[data-testid='adjust-back']").Click();

        provider.WaitForAssertion(() => Assert.Equal("12500", provider.Find("[data-testid='adjust-amount']").GetAttribute("value")));
        await AssertBalanceAsync(1000, entries: 1);
    }

    [Fact]
    public async Task A_new_merchant_with_an_invalid_currency_is_refused_at_the_currency_field()
    {
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MerchantDialog>("New merchant"));
        provider.Find("[data-testid='merchant-name']").Input("Fabrikam");
        provider.Find("[data-testid='merchant-currency']").Change("EURO");

        provider.Find("[data-testid='merchant-save']").Click();

        provider.WaitForAssertion(() => Assert.StartsWith("Enter a three-letter ISO 4217 currency code", HelperText(provider, "merchant-currency"), StringComparison.Ordinal));
        Assert.Null(await _core.Get<MerchantService>().FindByNameAsync("Fabrikam"));
    }

    [Fact]
    public async Task A_new_merchant_form_shows_every_error_at_once_at_its_field()
    {
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MerchantDialog>("New merchant"));
        provider.Find("[data-testid='merchant-currency']").Change("EURO");
        provider.Find("[data-testid='merchant-fee']").Change("101");

        provider.Find("[data-testid='merchant-save']").Click();

        provider.WaitForAssertion(() => Assert.StartsWith("Enter the merchant's name.", HelperText(provider, "merchant-name"), StringComparison.Ordinal));
        Assert.StartsWith("Enter a three-letter ISO 4217 currency code", HelperText(provider, "merchant-currency"), StringComparison.Ordinal);
        Assert.Equal("The fee must be between 0% and 100%.", HelperText(provider, "merchant-fee"));
    }

    [Fact]
    public async Task An_over_long_name_is_an_error_while_typing_not_cut_off()
    {
        var provider = Render<MudDialogProvider>();
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<MerchantDialog>("New merchant"));
        var name = new string('n', MerchantErrors.MaxNameLength + 1);

        provider.Find("[data-testid='merchant-name']").Input(name);

        provider.WaitForAssertion(() => Assert.StartsWith(MerchantErrors.NameTooLong.Message, HelperText(provider, "merchant-name"), StringComparison.Ordinal));
        Assert.Equal(name, provider.Find("[data-testid='merchant-name']").GetAttribute("value"));
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAdjustAsync()
    {
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<AdjustBalanceDialog> { { d => d.MerchantId, _merchant.Id }, { d => d.Currency, "USD" } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<AdjustBalanceDialog>("Adjust", parameters));
        return provider;
    }

    private async Task AssertBalanceAsync(long minor, int entries)
    {
        var ledger = _core.Get<LedgerService>();
        Assert.Equal(minor, (await ledger.GetBalanceAsync(_merchant.Id, Actor.System))!.Value.Minor);
        Assert.Equal(entries, (await ledger.HistoryAsync(_merchant.Id, 0, 10, Actor.System)).TotalCount);
    }

    private static string HelperText(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
