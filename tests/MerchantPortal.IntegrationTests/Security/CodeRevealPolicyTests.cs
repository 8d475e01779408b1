using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Security;

/// <summary>
/// Staff see every merchant's orders; they see a code delivered to a merchant's order only with a reason, which the
/// audit entry keeps. The merchant's own users reveal their codes without one.
/// </summary>
public sealed class CodeRevealPolicyTests : CoreServiceTest
{
    private KeyInventoryService Inventory => Host.Get<KeyInventoryService>();

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Support_cannot_reveal_a_merchants_code_without_a_reason_and_nothing_is_recorded(string? reason)
    {
        var codeId = await DeliveredCodeAsync();

        var revealed = await Inventory.RevealAsync(codeId, TestActors.Support, reason);

        Assert.Equal((CatalogErrors.RevealReasonRequired.Code, "reason"), (revealed.Error!.Code, revealed.Error.Field));
        Assert.Empty(await RevealsAsync());
    }

    [Fact]
    public async Task Support_reveals_a_merchants_code_with_a_reason_and_the_audit_entry_says_why()
    {
        var codeId = await DeliveredCodeAsync();

        var revealed = await Inventory.RevealAsync(codeId, TestActors.Support, "  Ticket 4521: the customer says the code is not accepted ");

        Assert.StartsWith("CODE-", revealed.Value, StringComparison.Ordinal);
        var entry = Assert.Single(await RevealsAsync());
        Assert.Equal(TestActors.Support.Id, entry.ActorId);
        Assert.EndsWith("reason: Ticket 4521: the customer says the code is not accepted", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reason_over_500_characters_is_refused_whole_and_nothing_is_recorded()
    {
        var codeId = await DeliveredCodeAsync();

        var revealed = await Inventory.RevealAsync(codeId, TestActors.Support, new string('r', CatalogErrors.MaxRevealReasonLength + 1));

        Assert.Equal(CatalogErrors.RevealReasonTooLong.Code, revealed.Error!.Code);
        Assert.Empty(await RevealsAsync());
    }

    [Fact]
    public async Task The_merchants_own_user_reveals_its_code_without_a_reason()
    {
        var codeId = await DeliveredCodeAsync();
        var merchantId = await MerchantOfCodeAsync(codeId);

        var revealed = await Inventory.RevealAsync(codeId, TestActors.MerchantUser(merchantId));

        Assert.True(revealed.Succeeded, revealed.Error?.Message);
        Assert.Single(await RevealsAsync());
    }

    private async Task<long> DeliveredCodeAsync()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 20m);
        var item = await Host.Catalog.KeyItemAsync(codes: 1);
        var order = await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id);
        await Host.DrainJobsAsync();
        var delivered = await Host.Get<OrderQueries>().GetAsync(order.Order.Id, Actor.System);
        return delivered!.CodesByLine.Values.Single().Single().Id;
    }

    private async Task<Guid> MerchantOfCodeAsync(long codeId)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.KeyCodes.Where(c => c.Id == codeId).Select(c => db.OrderLines.Single(l => l.Id == c.OrderLineId).Order.MerchantId).SingleAsync();
    }

    private async Task<List<AuditEntry>> RevealsAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.CodeRevealed).ToListAsync();
    }
}
