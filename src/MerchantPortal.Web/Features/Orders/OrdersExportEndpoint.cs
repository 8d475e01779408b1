using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// <c>GET /orders/export.csv</c>: the orders the page's filters select, as CSV, for the signed-in user
/// (a merchant user gets its own merchant's orders only). Rows are streamed from the database to the
/// response as they are read, so the size of the export never shows in the server's memory.
/// </summary>
public static class OrdersExportEndpoint
{
    public const string Path = "/orders/export.csv";

    /// <summary>The query string key that picks the row layout; <see cref="RowsPerLine"/> gives one row per order line.</summary>
    public const string RowsKey = "rows";

    public const string RowsPerLine = "lines";

    public static IEndpointConventionBuilder MapOrdersExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync)
            .RequireAuthorization(Policies.ViewOrders)
            // A browser opens this address (a download link): without a session it goes to the sign-in page, not a bare 401.
            .AllowCookieRedirect()
            .WithName("ExportOrdersCsv")
            .ExcludeFromDescription();

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        [AsParameters] OrderFilterText text, [FromQuery(Name = RowsKey)] string? rows, HttpContext context, OrderQueries orders,
        MerchantService merchants, TimeProvider clock)
    {
        var filter = OrderFilter.Parse(text);
        if (filter.Error is { } error)
        {
            return ExportProblems.InvalidFilters(error);
        }

        if (rows is not null && rows != RowsPerLine)
        {
            return ExportProblems.InvalidFilters(new Error("FILTER_INVALID", $"'{rows}' is not a row layout; leave it out for one row per order or use {RowsPerLine}.", RowsKey));
        }

        var perLine = rows == RowsPerLine;
        var actor = CurrentUser.ToActor(context.User);
        var query = filter.Value.ToQuery(TimeZoneInfo.Utc);
        var ct = context.RequestAborted;
        var total = perLine ? await orders.CountLinesAsync(query, actor, ct) : await orders.CountAsync(query, actor, ct);

        var headers = context.Response.Headers;
        headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        var merchantId = actor.MerchantId ?? filter.Value.MerchantId;
        var merchantName = merchantId is { } id ? (await merchants.FindAsync(id, ct))?.Name : null;
        var fileName = OrdersExportFileName.For(filter.Value, merchantName, perLine, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        headers.ContentDisposition = $"attachment; filename={fileName}";
        headers.CacheControl = "no-store";
        return TypedResults.Stream(body => OrdersCsv.WriteAsync(body, orders.StreamExportAsync(query, perLine, actor, ct), perLine, ct), "text/csv; charset=utf-8");
    }
}
