using System.Globalization;
using System.Text;
using MerchantPortal.Auditing;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.Web.Features.Audit;

/// <summary>The audit log export as RFC 4180 CSV, with the same field rules as the orders export (<see cref="OrdersCsv.Field"/>).</summary>
public static class AuditCsv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "occurred_at", "actor_kind", "actor", "action", "target_type", "target_id", "merchant", "details", "changes"];

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static async Task<long> WriteAsync(Stream body, IAsyncEnumerable<AuditRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, Utf8, bufferSize: 32 * 1024, leaveOpen: true);
        await writer.WriteAsync((string.Join(',', Columns) + OrdersCsv.LineEnd).AsMemory(), ct);
        var count = 0L;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row).AsMemory(), ct);
            count++;
        }

        await writer.FlushAsync(ct);
        return count;
    }

    public static string Line(AuditRow row) => string.Join(',', new[]
    {
        row.Id.ToString(CultureInfo.InvariantCulture),
        DateTime.SpecifyKind(row.OccurredAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        row.ActorKind.ToString().ToLowerInvariant(),
        row.ActorName,
        row.Action,
        row.TargetType,
        row.TargetId,
        row.MerchantName,
        row.Details,
        AuditChangeText.Of(row.Changes),
    }.Select(OrdersCsv.Field)) + OrdersCsv.LineEnd;
}

/// <summary>Changes as one line a person reads: <c>fee: 0% → 2.5%; name: Acme → Fabrikam</c>.</summary>
public static class AuditChangeText
{
    public static string Of(IReadOnlyList<AuditChange>? changes) =>
        string.Join("; ", (changes ?? []).Select(c => $"{c.Field}: {c.Before ?? "(none)"} → {c.After ?? "(none)"}"));
}
