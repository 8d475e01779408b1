using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.MerchantAccounts;

public sealed class MerchantAdministrationTests : CoreServiceTest
{
    private MerchantService Merchants => Host.Get<MerchantService>();

    [Fact]
    public async Task Renaming_and_new_charges_are_saved_and_audited_with_before_and_after()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var saved = await Merchants.UpdateAsync(merchant.Id, new UpdateMerchant("  Fabrikam Games ", 250, 0), TestActors.Admin);

        Assert.True(saved.Succeeded, saved.Error?.Message);
        Assert.Equal("Fabrikam Games", saved.Value.Name);
        var changes = (await AuditAsync(merchant.Id)).SelectMany(e => e.Changes).ToList();
        Assert.Contains(new AuditChange("name", merchant.Name, "Fabrikam Games"), changes);
        Assert.Contains(new AuditChange("fee", "0%", "2.5%"), changes);
        Assert.DoesNotContain(changes, c => c.Field == "tax");
    }

    [Fact]
    public async Task Every_problem_with_an_edit_is_reported_at_once_and_nothing_changes()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        var saved = await Merchants.UpdateAsync(merchant.Id, new UpdateMerchant(" ", -1, 10_001), TestActors.Admin);

        Assert.False(saved.Succeeded);
        Assert.Equal(["MERCHANT_NAME_REQUIRED", "FEE_INVALID", "TAX_INVALID"], saved.Error!.Flatten().Select(e => e.Code));
        Assert.Equal(merchant.Name, (await Merchants.FindAsync(merchant.Id))!.Name);
        Assert.DoesNotContain(await AuditAsync(merchant.Id), e => e.Action == AuditActions.MerchantUpdated);
    }

    [Fact]
    public async Task A_name_another_merchant_has_is_refused()
    {
        var first = await Host.Catalog.MerchantAsync();
        var second = await Host.Catalog.MerchantAsync();

        var saved = await Merchants.UpdateAsync(second.Id, new UpdateMerchant(first.Name, 0, 0), TestActors.Admin);

        Assert.Equal(MerchantErrors.NameTaken.Code, saved.Error?.Code);
        Assert.Equal(second.Name, (await Merchants.FindAsync(second.Id))!.Name);
    }

    [Fact]
    public async Task Only_admins_rename_or_deactivate()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        Assert.Equal(MerchantErrors.NotAllowed, (await Merchants.UpdateAsync(merchant.Id, new UpdateMerchant("X", 0, 0), TestActors.Support)).Error);
        Assert.Equal(MerchantErrors.NotAllowed, (await Merchants.SetActiveAsync(merchant.Id, false, TestActors.MerchantUser(merchant.Id))).Error);
        Assert.True((await Merchants.FindAsync(merchant.Id))!.IsActive);
    }

    [Fact]
    public async Task A_deactivated_merchant_takes_no_new_orders_but_keeps_its_history_and_replays()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(codes: 5);
        var orders = new TestOrders(Host.Services);
        var earlier = await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, merchantOrderId: "REF-1", customerEmail: "amara@example.com");

        var deactivated = await Merchants.SetActiveAsync(merchant.Id, false, TestActors.Admin);

        Assert.False(deactivated.Value.IsActive);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => orders.PlaceKeyOrderAsync(merchant.Id, item.Id));
        Assert.StartsWith(OrderErrors.MerchantDeactivated.Code, refused.Message, StringComparison.Ordinal);
        var replay = await orders.PlaceKeyOrderAsync(merchant.Id, item.Id, merchantOrderId: "REF-1", customerEmail: "amara@example.com");
        Assert.Equal(earlier.Order.Id, replay.Order.Id);
        Assert.NotNull(await Host.Get<OrderQueries>().GetAsync(earlier.Order.Id, TestActors.Admin));

        await Merchants.SetActiveAsync(merchant.Id, true, TestActors.Admin);
        await orders.PlaceKeyOrderAsync(merchant.Id, item.Id);
        Assert.Equal([AuditActions.MerchantDeactivated, AuditActions.MerchantReactivated],
            (await AuditAsync(merchant.Id)).Where(e => e.Action is AuditActions.MerchantDeactivated or AuditActions.MerchantReactivated).Select(e => e.Action));
    }

    [Fact]
    public async Task Checking_an_order_for_a_deactivated_merchant_says_so_at_the_merchant()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(codes: 1);
        await Merchants.SetActiveAsync(merchant.Id, false, TestActors.Admin);

        var problem = await Host.Get<OrderPlacementService>().CheckAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: "a@example.com"), [new PlaceOrderLine(item.Id, 1)], PaymentChoice.Balance, OrderSource.Dashboard),
            TestActors.Admin);

        Assert.Contains(problem!.Flatten(), e => e.Code == OrderErrors.MerchantDeactivated.Code && e.Field == "merchant_id");
    }

    [Fact]
    public async Task Deactivating_twice_records_one_change()
    {
        var merchant = await Host.Catalog.MerchantAsync();

        await Merchants.SetActiveAsync(merchant.Id, false, TestActors.Admin);
        await Merchants.SetActiveAsync(merchant.Id, false, TestActors.Admin);

        Assert.Single(await AuditAsync(merchant.Id), e => e.Action == AuditActions.MerchantDeactivated);
    }

    private async Task<List<AuditEntry>> AuditAsync(Guid merchantId)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.MerchantId == merchantId).OrderBy(e => e.Id).ToListAsync();
    }
}
