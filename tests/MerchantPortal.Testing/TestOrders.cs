using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Ledger;
using MerchantPortal.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.Testing;

/// <summary>Places orders through the real order service, paid from the merchant's balance, for tests that need order history.</summary>
public sealed class TestOrders(IServiceProvider services)
{
    /// <summary>Credits a merchant's balance (for merchants made elsewhere, such as the demo merchants).</summary>
    public async Task FundAsync(Guid merchantId, decimal amount)
    {
        var credited = await services.GetRequiredService<LedgerService>().AdjustAsync(
            new AdjustBalance(merchantId, BalanceDirection.Credit, amount, "Test deposit", Guid.NewGuid().ToString(), LargeAmountConfirmed: true), TestCatalog.Admin);
        if (!credited.Succeeded)
        {
            throw new InvalidOperationException($"{credited.Error!.Code}: {credited.Error.Message}");
        }
    }

    /// <summary>Places one order of <paramref name="quantity"/> units of a key item; fulfilment runs later, as in production.</summary>
    public async Task<OrderDetails> PlaceKeyOrderAsync(
        Guid merchantId, long itemId, int quantity = 1, string? customerEmail = null, string? customerName = null,
        OrderSource source = OrderSource.Dashboard, string? merchantOrderId = null, string? externalReference = null)
    {
        var actor = Actor.User("test-merchant-user", "merchant-user@test.example", merchantId, Roles.Merchant);
        var placed = await services.GetRequiredService<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchantId, new CustomerRef(Email: customerEmail ?? $"c-{Guid.NewGuid():N}@test.example", Name: customerName),
                [new PlaceOrderLine(itemId, quantity)], PaymentChoice.Balance, source, merchantOrderId, ExternalReference: externalReference),
            actor);
        return placed.Succeeded
            ? placed.Value.Order
            : throw new InvalidOperationException($"{placed.Error!.Code}: {placed.Error.Message}");
    }
}
