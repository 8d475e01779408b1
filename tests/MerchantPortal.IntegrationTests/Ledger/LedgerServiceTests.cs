using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Ledger;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Ledger;

public sealed class LedgerServiceTests : CoreServiceTest
{
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
    [InlineData(5, " ", "REASON_REQUIRED")]
    public async Task Invalid_adjustments_change_nothing(double amount, string reason, string code)
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var result = await Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, (decimal)amount, reason, Guid.NewGuid().ToString()), TestCatalog.Admin);

        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(0, (await Ledger.HistoryAsync(merchant.Id, 0, 10, Actor.System)).TotalCount);
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
}
