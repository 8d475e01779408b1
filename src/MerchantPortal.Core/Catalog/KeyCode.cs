namespace MerchantPortal.Catalog;

/// <summary>
/// One code of a key item's inventory. The code is stored encrypted (<see cref="CodeCipher"/>) with a
/// hash to refuse duplicates; once delivered it belongs to exactly one order line, for good. An available
/// code may instead be voided by an admin (leaked, or refused by its vendor): it stays on record, but is
/// never delivered and no longer counts as stock. Status changes are conditional updates
/// (<c>… WHERE Status = 'Available'</c>), so a void and a delivery racing for one code cannot both win.
/// </summary>
public sealed class KeyCode
{
    private KeyCode()
    {
    }

    public long Id { get; private set; }

    public long ItemId { get; private set; }

    public string CodeCipher { get; private set; } = "";

    /// <summary>SHA-256 of the item id and the normalised code: unique per item.</summary>
    public string CodeHash { get; private set; } = "";

    /// <summary>
    /// The code's last four characters (<see cref="KeyCodeText.VisibleSuffixLength"/>), to show it masked and to
    /// search by without decrypting.
    /// </summary>
    public string LastFour { get; private set; } = "";

    public KeyCodeStatus Status { get; private set; }

    /// <summary>The order line the code was delivered to.</summary>
    public long? OrderLineId { get; private set; }

    public DateTime AddedAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public DateTime? VoidedAt { get; private set; }

    public static KeyCode Create(long itemId, string cipher, string hash, string lastFour, DateTime now) => new()
    {
        ItemId = itemId,
        CodeCipher = cipher,
        CodeHash = hash,
        LastFour = lastFour,
        Status = KeyCodeStatus.Available,
        AddedAt = now,
    };

    public string Masked => $"•••• •••• {LastFour}";
}

public enum KeyCodeStatus
{
    /// <summary>In stock: the next order may take it.</summary>
    Available,

    /// <summary>Delivered to one order line, for good.</summary>
    Delivered,

    /// <summary>Taken out of stock by an admin before it was delivered; never delivered afterwards.</summary>
    Voided,
}
