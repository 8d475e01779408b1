namespace MerchantPortal.Orders;

/// <summary>
/// Where a page of the orders list starts, with Stripe's semantics: newest first; <see cref="StartingAfter"/>
/// names the last order of the previous page (the next page follows it), <see cref="EndingBefore"/> the first
/// order of the following page (the page before it, still newest first); neither is the first page.
/// </summary>
public sealed record OrderCursor(Guid? StartingAfter = null, Guid? EndingBefore = null, int Limit = OrderCursor.DefaultLimit)
{
    public const int DefaultLimit = 10;

    public const int MaxLimit = 100;
}
