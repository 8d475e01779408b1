using System.Globalization;
using System.Text;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Web.Features.Orders;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MerchantPortal.Web.Features.Balance;

/// <summary>
/// <c>GET /balance/export.csv</c>: the ledger entries the balance page's filter selects, as CSV, streamed from the
/// database to the response as they are read (ADR 0007). A merchant user gets its own merchant's ledger only.
/// </summary>
public static class LedgerExportEndpoint
{
    public const string Path = "/balance/export.csv";

    public static IReadOnlyList<string> Columns { get; } =
        ["created_at", "kind", "description", "order_id", "by", "currency", "amount", "balance_after"];

    private const int RowsPerFlush = 500;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The export's address for a filter, as the page links to it.</summary>
    public static string PathFor(LedgerQuery query)
    {
        var parts = new List<string> { $"merchant={query.MerchantId}" };
        if (query.From is { } from)
        {
            parts.Add("from=" + Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (query.To is { } to)
        {
            parts.Add("to=" + Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (query.Kind != LedgerKindFilter.All)
        {
            parts.Add("kind=" + query.Kind.ToString().ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            parts.Add("text=" + Uri.EscapeDataString(query.Text.Trim()));
        }

        return Path + "?" + string.Join('&', parts);
    }

    public static IEndpointConventionBuilder MapLedgerExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync)
            .RequireAuthorization(Policies.ViewBalance)
            .AllowCookieRedirect()
            .WithName("ExportLedgerCsv")
            .ExcludeFromDescription();

    /// <summary>
    /// Refuses a filter it cannot apply with the code and field of its first problem: the merchant (staff name one),
    /// <c>from</c> and <c>to</c> (UTC instants), <c>kind</c> (a filter name, read as the page reads it), then the
    /// ledger's own checks of the whole filter.
    /// </summary>
    private static Results<PushStreamHttpResult, ProblemHttpResult> ExportAsync(
        string? merchant, string? from, string? to, string? kind, string? text, HttpContext context, LedgerService ledger)
    {
        var actor = CurrentUser.ToActor(context.User);
        var merchantId = actor.MerchantId;
        if (merchantId is null)
        {
            if (!ExportFilters.TryMerchant(merchant, out merchantId))
            {
                return ExportProblems.InvalidFilters(ExportFilters.MerchantInvalid);
            }

            if (merchantId is null)
            {
                return ExportProblems.InvalidFilters(ExportFilters.MerchantRequired);
            }
        }

        if (!ExportFilters.TryInstant(from, out var start))
        {
            return ExportProblems.InvalidFilters(ExportFilters.FromInvalid);
        }

        if (!ExportFilters.TryInstant(to, out var end))
        {
            return ExportProblems.InvalidFilters(ExportFilters.ToInvalid);
        }

        var parsedKind = LedgerKindFilter.All;
        if (!string.IsNullOrEmpty(kind) && !LedgerFilterAddress.TryReadKind(kind, out parsedKind))
        {
            return ExportProblems.InvalidFilters(LedgerErrors.KindInvalid);
        }

        var query = new LedgerQuery(merchantId.Value, start, end, parsedKind, text);
        if (LedgerQuery.Validate(query) is { } invalid)
        {
            return ExportProblems.InvalidFilters(invalid.Flatten()[0]);
        }

        var headers = context.Response.Headers;
        headers.ContentDisposition = $"attachment; filename=ledger-{DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
        headers.CacheControl = "no-store";
        var ct = context.RequestAborted;
        return TypedResults.Stream(body => WriteAsync(body, ledger.StreamAsync(query, actor, ct), ct), "text/csv; charset=utf-8");
    }

    /// <summary>Writes the header and one line per entry as they arrive; returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(Stream body, IAsyncEnumerable<LedgerRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, Utf8, bufferSize: 32 * 1024, leaveOpen: true);
        await writer.WriteAsync((string.Join(',', Columns) + OrdersCsv.LineEnd).AsMemory(), ct);
        var count = 0L;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row).AsMemory(), ct);
            if (++count % RowsPerFlush == 0)
            {
                await writer.FlushAsync(ct);
            }
        }

        await writer.FlushAsync(ct);
        return count;
    }

    public static string Line(LedgerRow row)
    {
        var currency = Currency.Of(row.Currency);
        string[] fields =
        [
            DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            LedgerKinds.WireName(row.Kind),
            OrdersCsv.Field(row.Description),
            row.OrderId?.ToString() ?? "",
            OrdersCsv.Field(row.ActorName),
            row.Currency,
            Major(row.AmountMinor, currency),
            Major(row.BalanceAfterMinor, currency),
        ];
        return string.Join(',', fields) + OrdersCsv.LineEnd;
    }

    /// <summary>12.50 for 1250 USD cents, 1250 for 1250 yen: the currency's own number of decimals, invariant culture.</summary>
    private static string Major(long minor, Currency currency) =>
        new Money(minor, currency).ToMajor().ToString($"F{currency.Exponent}", CultureInfo.InvariantCulture);
}
