using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Ledger;

public sealed class LedgerServiceTests : CoreServiceTest
{
    private static readonly string[] AmountAndReason = ["amount", "reason"];

    private static readonly string[] AmountAndReasonCodes = ["AMOUNT_INVALID", "REASON_REQUIRED"];

    private LedgerService Ledger => Host.Get<LedgerService>();

    [Fact]
    public async Task Replaying_an_adjustment_key_books_it_once_and_audits_it_once()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var credit = new AdjustBalance(merchant.Id, BalanceDirection.Credit, 25m, "Bank transfer 991", "same-key");

        var first = await Ledger.AdjustAsync(credit, TestCatalog.Admin);
        var again = await Ledger.AdjustAsync(credit, TestCatalog.Admin);

        Assert.Equal(first.Value.Id, again.Value.Id);
        Assert.Equal(2500, (await Ledger.GetBalanceAsync(merchant.Id, Actor.System))!.Value.Minor);
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.BalanceCredited && e.MerchantId == merchant.Id));
    }

    [Theory]
    [InlineData(0, "Reason", "AMOUNT_INVALID")]
    [InlineData(-5, "Reason", "AMOUNT_INVALID")]
    [InlineData(1.001, "Reason", "AMOUNT_INVALID")]
    [InlineData(10_000_000.01, "Reason", "AMOUNT_TOO_LARGE")]
    [InlineData(1_000_000_000_000, "Reason", "AMOUNT_TOO_LARGE")]
    [InlineData(5, " ", "REASON_REQUIRED")]
    public async Task Invalid_adjustments_change_nothing(double amount, string reason, string code)
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, (decimal)amount, reason, Guid.NewGuid().ToString(), LargeAmountConfirmed: true),
            TestCatalog.Admin);

        Assert.Equal(code, result.Error!.Code);
        await AssertNothingBookedAsync(merchant.Id);
    }

    [Theory]
    [InlineData(0, "Enter an amount greater than zero.")]
    [InlineData(-5, "Enter the amount without a sign; choose Credit or Debit for the direction.")]
    [InlineData(12.345, "USD amounts have at most 2 decimals.")]
    [InlineData(10_000_000.01, "A single credit or debit can be at most $10,000,000.00; book larger movements in parts.")]
    public async Task Each_invalid_amount_says_what_is_wrong_with_it_at_the_amount_field(double amount, string message)
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, (decimal)amount, "Reason", Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal((message, "amount"), (result.Error!.Message, result.Error.Field));
    }

    [Fact]
    public async Task An_amount_no_decimal_can_hold_is_refused_without_overflowing()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, decimal.MaxValue, "Fat finger", Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal("AMOUNT_TOO_LARGE", result.Error!.Code);
        await AssertNothingBookedAsync(merchant.Id);
    }

    [Fact]
    public async Task A_currency_without_decimals_refuses_a_fraction()
    {
        var merchant = await Host.Catalog.MerchantAsync(currency: "JPY");

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 100.5m, "Deposit", Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal(("AMOUNT_INVALID", "JPY amounts have no decimals."), (result.Error!.Code, result.Error.Message));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, -5m, "", Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal(Error.ValidationFailedCode, result.Error!.Code);
        Assert.Equal(AmountAndReason, result.Error.Errors.Select(e => e.Field));
        Assert.Equal(AmountAndReasonCodes, result.Error.Errors.Select(e => e.Code));
        await AssertNothingBookedAsync(merchant.Id);
    }

    [Fact]
    public async Task A_debit_above_the_balance_is_reported_at_the_amount_with_the_other_errors()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10m);

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Debit, 25m, " ", Guid.NewGuid().ToString()), TestCatalog.Admin);

        var amount = Assert.Single(result.Error!.Errors, e => e.Field == "amount");
        Assert.Equal(("INSUFFICIENT_BALANCE", "The balance is too low for this debit: $10.00 available. A debit cannot take it below zero."),
            (amount.Code, amount.Message));
        Assert.Single(result.Error.Errors, e => e.Code == "REASON_REQUIRED");
    }

    [Fact]
    public async Task A_reason_longer_than_the_ledger_keeps_is_refused_not_cut()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(new AdjustBalance(merchant.Id, BalanceDirection.Credit, 5m,
            new string('r', LedgerEntry.MaxDescriptionLength + 1), Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal(("REASON_TOO_LONG", "reason"), (result.Error!.Code, result.Error.Field));
        await AssertNothingBookedAsync(merchant.Id);
    }

    [Fact]
    public async Task A_debit_never_takes_the_balance_below_zero()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10m);

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Debit, 10.01m, "Correction", "k"), TestCatalog.Admin);

        Assert.Equal("INSUFFICIENT_BALANCE", result.Error!.Code);
        Assert.Equal(1000, (await Ledger.GetBalanceAsync(merchant.Id, Actor.System))!.Value.Minor);
    }

    [Fact]
    public async Task An_amount_above_the_confirmation_threshold_asks_in_figures_and_words_and_books_nothing()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 12_500m, "Wire 5531", "large"), TestCatalog.Admin);

        Assert.Equal(LedgerErrors.ConfirmationRequiredCode, result.Error!.Code);
        Assert.Equal($"Credit USD 12,500.00 (twelve thousand five hundred US dollars) to {merchant.Name}?", result.Error.Message);
        await AssertNothingBookedAsync(merchant.Id);
    }

    [Fact]
    public async Task A_confirmed_large_amount_books_once()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var confirmed = new AdjustBalance(merchant.Id, BalanceDirection.Credit, 12_500m, "Wire 5531", "large", LargeAmountConfirmed: true);

        Assert.False((await Ledger.AdjustAsync(confirmed with { LargeAmountConfirmed = false }, TestCatalog.Admin)).Succeeded);
        var booked = await Ledger.AdjustAsync(confirmed, TestCatalog.Admin);
        var again = await Ledger.AdjustAsync(confirmed, TestCatalog.Admin);

        Assert.Equal(booked.Value.Id, again.Value.Id);
        Assert.Equal(1_250_000, (await Ledger.GetBalanceAsync(merchant.Id, Actor.System))!.Value.Minor);
        Assert.Equal(1, (await Ledger.HistoryAsync(merchant.Id, 0, 10, Actor.System)).TotalCount);
    }

    [Fact]
    public async Task An_amount_at_the_threshold_books_without_asking()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 10_000m, "Wire 5532", Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.True(result.Succeeded, result.Error?.Message);
    }

    [Fact]
    public async Task A_large_debit_asks_to_confirm_taking_it_from_the_merchant()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 20_000m);

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Debit, 10_000.05m, "Chargeback", Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal($"Debit USD 10,000.05 (ten thousand US dollars and five cents) from {merchant.Name}?", result.Error!.Message);
    }

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Merchant)]
    public async Task Only_admins_may_adjust_a_balance(string role)
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var actor = Actor.User("u-1", "u@test.example", role == Roles.Merchant ? merchant.Id : null, role);

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 25m, "Deposit", Guid.NewGuid().ToString()), actor);

        Assert.Equal(("BALANCE_ADJUST_NOT_ALLOWED", ErrorKind.Forbidden), (result.Error!.Code, result.Error.Kind));
        await AssertNothingBookedAsync(merchant.Id);
    }

    [Fact]
    public async Task An_api_key_may_not_adjust_a_balance_whatever_its_scopes()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var key = Actor.ApiKey("key_1", "Shop key", merchant.Id, new HashSet<string>(Scopes.All));

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 25m, "Deposit", Guid.NewGuid().ToString()), key);

        Assert.Equal("BALANCE_ADJUST_NOT_ALLOWED", result.Error!.Code);
        await AssertNothingBookedAsync(merchant.Id);
    }

    private async Task AssertNothingBookedAsync(Guid merchantId) =>
        Assert.Equal(0, (await Ledger.HistoryAsync(merchantId, 0, 10, Actor.System)).TotalCount);
}

/// <summary>The confirmation threshold comes from configuration, per currency where set.</summary>
public sealed class LedgerConfirmationSettingsTests : CoreServiceTest
{
    protected override Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Ledger:ConfirmAboveMinor"] = "5000",
        ["Ledger:ConfirmAboveMinorByCurrency:JPY"] = "100000",
    });

    [Theory]
    [InlineData("USD", 50.01, true)]
    [InlineData("USD", 50, false)]
    [InlineData("JPY", 100_001, true)]
    [InlineData("JPY", 50_000, false)]
    public async Task The_configured_threshold_decides_what_needs_confirming(string currency, double amount, bool asks)
    {
        var merchant = await Host.Catalog.MerchantAsync(currency: currency);

        var result = await Host.Get<LedgerService>().AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, (decimal)amount, "Deposit", Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal(asks, result.Error?.Code == LedgerErrors.ConfirmationRequiredCode);
        Assert.Equal(!asks, result.Succeeded);
    }
}
