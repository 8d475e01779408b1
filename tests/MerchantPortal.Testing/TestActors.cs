using MerchantPortal.Auditing;
using MerchantPortal.Identity;

namespace MerchantPortal.Testing;

/// <summary>The people tests act as.</summary>
public static class TestActors
{
    public static Actor Support { get; } = Actor.User("support-1", "Sam Support", null, Roles.Support);

    /// <summary>A second support agent, for four eyes.</summary>
    public static Actor SecondSupport { get; } = Actor.User("support-2", "Sue Second", null, Roles.Support);

    public static Actor Admin => TestCatalog.Admin;

    public static Actor MerchantUser(Guid merchantId) => Actor.User("merchant-user", "merchant@test.example", merchantId, Roles.Merchant);
}
