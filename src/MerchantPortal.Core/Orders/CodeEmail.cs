namespace MerchantPortal.Orders;

/// <summary>
/// One request to email an order's delivered codes to its customer. The request key (one per click intent) is
/// unique per order, so a double click or a resubmitted form asks once; the outbox job that sends it marks it
/// <see cref="CodeEmailStatus.Sent"/>, so a job that runs again after the send was recorded sends nothing.
/// </summary>
public sealed class CodeEmail
{
    /// <summary>The longest request key; the EF configuration uses it too.</summary>
    public const int MaxRequestKeyLength = 100;

    private CodeEmail()
    {
    }

    public long Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid MerchantId { get; private set; }

    public string RequestKey { get; private set; } = "";

    /// <summary>The customer's address when the send was asked for.</summary>
    public string ToAddress { get; private set; } = "";

    /// <summary>How many delivered codes the order had when the send was asked for.</summary>
    public int CodeCount { get; private set; }

    public CodeEmailStatus Status { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTime RequestedAt { get; private set; }

    public DateTime? SentAt { get; private set; }

    internal static CodeEmail Request(Guid orderId, Guid merchantId, string requestKey, string toAddress, int codeCount, string requestedBy, DateTime now) => new()
    {
        OrderId = orderId,
        MerchantId = merchantId,
        RequestKey = requestKey,
        ToAddress = toAddress,
        CodeCount = codeCount,
        Status = CodeEmailStatus.Queued,
        RequestedBy = requestedBy,
        RequestedAt = now,
    };
}

public enum CodeEmailStatus
{
    /// <summary>Asked for; the outbox job sends it.</summary>
    Queued,

    /// <summary>Handed to the mail server.</summary>
    Sent,
}

/// <summary>Asks to email the order's delivered codes to its customer; <paramref name="RequestKey"/> identifies one click intent.</summary>
public sealed record SendCodesToCustomer(Guid OrderId, string RequestKey);

/// <summary>A send as the order page shows it; <paramref name="Replayed"/> when the key had already asked.</summary>
public sealed record CodeEmailSummary(long Id, string ToAddress, int CodeCount, CodeEmailStatus Status, DateTime RequestedAt, bool Replayed);

/// <summary>An order's delivered codes in plaintext, for the printable view and the download.</summary>
public sealed record DeliveredCodeSheet(Guid OrderId, string Reference, string CustomerName, string? CustomerEmail, DateTime CreatedAt, IReadOnlyList<DeliveredCodeEntry> Codes);

public sealed record DeliveredCodeEntry(int LineNumber, string ItemName, string Code);
