using MerchantPortal.Identity;

namespace MerchantPortal.Web.Features.ApiKeys;

/// <summary>What each API scope lets a key do, in one line, for the create dialog.</summary>
public static class ApiKeyScopeText
{
    public static string Describe(string scope) => scope switch
    {
        Scopes.OrdersRead => "Read orders with their lines, delivered codes and refunds.",
        Scopes.OrdersWrite => "Place and cancel orders.",
        Scopes.RefundsWrite => "Refund undelivered units of orders.",
        Scopes.CatalogRead => "Read the catalog: items, prices, fields and stock.",
        Scopes.BalanceRead => "Read the prepaid balance and its entries.",
        Scopes.WebhooksWrite => "Register, change and delete webhook endpoints.",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "The scope has no description."),
    };
}
