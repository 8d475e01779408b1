using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MerchantPortal.Web.Features.Audit;

/// <summary>
/// <c>GET /admin/audit/export.csv</c>: the audit entries the log's filters select, newest first, streamed as CSV
/// (at most <see cref="AuditQueries.MaxExportRows"/>). Dates are UTC instants the page computes from the viewer's days.
/// </summary>
public static class AuditExportEndpoint
{
    public const string Path = "/admin/audit/export.csv";

    public static IEndpointConventionBuilder MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync)
            .RequireAuthorization(Policies.ViewAuditLog)
            .AllowCookieRedirect()
            .WithName("ExportAuditCsv")
            .ExcludeFromDescription();

    private static Results<PushStreamHttpResult, ProblemHttpResult> ExportAsync(
        string? search, string? area, string? merchant, string? from, string? to, HttpContext context, AuditQueries audit)
    {
        if (!ExportFilters.TryMerchant(merchant, out var merchantId))
        {
            return ExportProblems.InvalidFilters(ExportFilters.MerchantInvalid);
        }

        if (!ExportFilters.TryInstant(from, out var start))
        {
            return ExportProblems.InvalidFilters(ExportFilters.FromInvalid);
        }

        if (!ExportFilters.TryInstant(to, out var end))
        {
            return ExportProblems.InvalidFilters(ExportFilters.ToInvalid);
        }

        var query = new AuditQuery(search, area, merchantId, start, end);
        var headers = context.Response.Headers;
        headers.ContentDisposition = $"attachment; filename={FileName(area, start, end)}";
        headers.CacheControl = "no-store";
        var ct = context.RequestAborted;
        return TypedResults.Stream(body => AuditCsv.WriteAsync(body, audit.StreamAsync(query, ct), ct), "text/csv; charset=utf-8");
    }

    /// <summary>The file name says what was exported, e.g. <c>audit-balance-2026-11-01_2026-11-30.csv</c>.</summary>
    public static string FileName(string? area, DateTime? from, DateTime? to)
    {
        var parts = new List<string> { "audit" };
        if (!string.IsNullOrWhiteSpace(area) && area.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            parts.Add(area);
        }

        if (from is not null || to is not null)
        {
            parts.Add($"{Day(from) ?? "start"}_{Day(to?.AddTicks(-1)) ?? "now"}");
        }

        return string.Join('-', parts) + ".csv";

        static string? Day(DateTime? at) => at?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
