namespace MerchantPortal.Common;

/// <summary>One page of a larger result set, with the size of the whole set.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);
