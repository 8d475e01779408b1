namespace MerchantPortal.Catalog;

/// <summary>What an upload of codes did: how many were added and why others were skipped.</summary>
public sealed record CodeUploadSummary(
    int Received,
    int Added,
    int DuplicatesInUpload,
    int AlreadyInInventory,
    IReadOnlyList<string> Invalid);

/// <summary>A code as the portal lists it: masked, with where it went.</summary>
public sealed record KeyCodeRow(long Id, string Masked, KeyCodeStatus Status, DateTime AddedAt, DateTime? DeliveredAt, long? OrderLineId);
