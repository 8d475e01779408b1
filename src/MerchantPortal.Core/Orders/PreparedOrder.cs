using MerchantPortal.Auditing;
using MerchantPortal.Merchants;

namespace MerchantPortal.Orders;

/// <summary>A placement validated and priced outside the write lock, ready for <see cref="OrderWriter"/>.</summary>
internal sealed record PreparedOrder(PlaceOrder Request, Actor Actor, string Fingerprint, Merchant Merchant, IReadOnlyList<PricedLine> Lines);
