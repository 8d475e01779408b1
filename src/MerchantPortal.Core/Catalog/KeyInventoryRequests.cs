namespace MerchantPortal.Catalog;

/// <summary>
/// What an upload of codes did: how many were added and how many duplicates were skipped. An upload with an
/// invalid code adds nothing (<see cref="CatalogErrors.CodesRejected"/>), so a summary never counts invalid codes.
/// </summary>
public sealed record CodeUploadSummary(
    int Received,
    int Added,
    int DuplicatesInUpload,
    int AlreadyInInventory);

/// <summary>
/// Which codes of an item to list: by status, and by how the code ends (<see cref="EndsWith"/>: up to the last four
/// characters, matched without regard to case; longer, it must be the whole code, matched exactly).
/// </summary>
public sealed record KeyCodeQuery(KeyCodeStatus? Status = null, string? EndsWith = null, int Page = 0, int PageSize = 25);

/// <summary>A code as the portal lists it: masked, with where it went (or when it was voided).</summary>
public sealed record KeyCodeRow(
    long Id, string Masked, KeyCodeStatus Status, DateTime AddedAt, DateTime? DeliveredAt, long? OrderLineId, DateTime? VoidedAt = null);
