namespace MerchantPortal.Common;

/// <summary>
/// One page of a list read with a cursor (keyset paging), and whether more items exist beyond it in the
/// direction of travel — Stripe's <c>has_more</c>.
/// </summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, bool HasMore);
