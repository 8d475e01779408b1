using MerchantPortal.Auditing;
using MerchantPortal.Ledger;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Dashboard;

public sealed class AuditQueriesTests
{
    [Fact]
    public async Task The_log_filters_by_area_merchant_and_text()
    {
        await using var host = await CoreTestHost.StartAsync();
        var merchant = await host.Catalog.MerchantAsync();
        await host.Get<LedgerService>().AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 12.5m, "Wire transfer 4471", "k1"), TestCatalog.Admin);

        var audit = host.Get<AuditQueries>();
        var balance = await audit.SearchAsync(new AuditQuery(Area: "balance"));
        var byText = await audit.SearchAsync(new AuditQuery(Search: "4471"));
        var byMerchant = await audit.SearchAsync(new AuditQuery(MerchantId: merchant.Id));

        var entry = Assert.Single(balance.Items);
        Assert.Equal(AuditActions.BalanceCredited, entry.Action);
        Assert.Contains("$12.50", entry.Details, StringComparison.Ordinal);
        Assert.Equal(entry.Id, Assert.Single(byText.Items).Id);
        Assert.Contains(byMerchant.Items, e => e.Action == AuditActions.MerchantCreated);
        Assert.Equal(merchant.Name, entry.MerchantName);
    }
}
