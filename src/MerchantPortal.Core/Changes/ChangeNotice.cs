namespace MerchantPortal.Changes;

/// <summary>What a change feed subscriber hears: the entry, as committed by whichever instance made the change.</summary>
public sealed record ChangeNotice(long Sequence, string Topic, string Key, DateTime At);
