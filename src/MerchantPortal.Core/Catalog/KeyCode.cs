namespace MerchantPortal.Catalog;

/// <summary>
/// One code of a key item's inventory. The code is stored encrypted (<see cref="CodeCipher"/>) with a
/// hash to refuse duplicates; once delivered it belongs to exactly one order line, for good.
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

    /// <summary>The code's last four characters, to show it masked without decrypting.</summary>
    public string LastFour { get; private set; } = "";

    public KeyCodeStatus Status { get; private set; }

    /// <summary>The order line the code was delivered to.</summary>
    public long? OrderLineId { get; private set; }

    public DateTime AddedAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

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
    Available,
    Delivered,
}
