using MerchantPortal.Common;
using MerchantPortal.Ledger;
using MerchantPortal.Testing;

namespace MerchantPortal.IntegrationTests.Ledger;

/// <summary>Filtering the ledger by date, kind and text, and streaming the filtered ledger for the CSV export.</summary>
public sealed class LedgerFilterTests : CoreServiceTest
{
    private LedgerService Ledger => Host.Get<LedgerService>();

    [Fact]
    public async Task The_ledger_filters_by_kind_text_and_date_and_the_export_streams_the_same_entries()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        await AdjustAsync(merchant.Id, BalanceDirection.Credit, 5m, "Bank transfer 4471");
        await AdjustAsync(merchant.Id, BalanceDirection.Debit, 2m, "Chargeback of 100%_fees");
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 300, codes: 1);
        var order = (await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id)).Order;

        var credits = await SearchAsync(new LedgerQuery(merchant.Id, Kind: LedgerKindFilter.Credits));
        var debits = await SearchAsync(new LedgerQuery(merchant.Id, Kind: LedgerKindFilter.Debits));
        var orders = await SearchAsync(new LedgerQuery(merchant.Id, Kind: LedgerKindFilter.Orders));
        var byReason = await SearchAsync(new LedgerQuery(merchant.Id, Text: "transfer 44"));
        var byReference = await SearchAsync(new LedgerQuery(merchant.Id, Text: order.Reference));
        var literalWildcards = await SearchAsync(new LedgerQuery(merchant.Id, Text: "100%_"));
        var noWildcardMatch = await SearchAsync(new LedgerQuery(merchant.Id, Text: "%"));
        var future = await SearchAsync(new LedgerQuery(merchant.Id, From: DateTime.UtcNow.AddDays(1)));
        var untilNow = await SearchAsync(new LedgerQuery(merchant.Id, To: DateTime.UtcNow.AddMinutes(1)));

        Assert.Equal(2, credits.TotalCount);
        Assert.All(credits.Items, r => Assert.True(r.AmountMinor > 0));
        Assert.Equal(2, debits.TotalCount);
        Assert.Equal(order.Id, Assert.Single(orders.Items).OrderId);
        Assert.Equal("Bank transfer 4471", Assert.Single(byReason.Items).Description);
        Assert.Equal(-300, Assert.Single(byReference.Items).AmountMinor);
        Assert.Single(literalWildcards.Items);
        Assert.Single(noWildcardMatch.Items);
        Assert.Equal(0, future.TotalCount);
        Assert.Equal(4, untilNow.TotalCount);

        var streamed = new List<LedgerRow>();
        await foreach (var row in Ledger.StreamAsync(new LedgerQuery(merchant.Id, Kind: LedgerKindFilter.Debits), TestActors.MerchantUser(merchant.Id)))
        {
            streamed.Add(row);
        }

        Assert.Equal(debits.Items.Select(r => r.Id), streamed.Select(r => r.Id));
    }

    [Fact]
    public async Task An_invalid_filter_reports_every_field_at_once()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var now = DateTime.UtcNow;

        var result = await Ledger.SearchAsync(
            new LedgerQuery(merchant.Id, From: now, To: now.AddDays(-1), Kind: (LedgerKindFilter)99, Text: new string('x', LedgerQuery.MaxTextLength + 1)),
            TestActors.Admin);

        Assert.Equal(Error.ValidationFailedCode, result.Error!.Code);
        Assert.Equal(["to", "kind", "text"], result.Error.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Another_merchants_user_sees_and_exports_nothing()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var stranger = TestActors.MerchantUser(Guid.NewGuid());

        var page = await Ledger.SearchAsync(new LedgerQuery(merchant.Id), stranger);
        var streamed = 0;
        await foreach (var _ in Ledger.StreamAsync(new LedgerQuery(merchant.Id), stranger))
        {
            streamed++;
        }

        Assert.Equal((0, 0), (page.Value.TotalCount, streamed));
    }

    private async Task<Page<LedgerRow>> SearchAsync(LedgerQuery query)
    {
        var result = await Ledger.SearchAsync(query, TestActors.Admin);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    private async Task AdjustAsync(Guid merchantId, BalanceDirection direction, decimal amount, string reason) =>
        Assert.True((await Ledger.AdjustAsync(new AdjustBalance(merchantId, direction, amount, reason, Guid.NewGuid().ToString()), TestActors.Admin)).Succeeded);
}
