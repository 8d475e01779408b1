using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// <c>GET /orders/export.csv</c>: the orders the page's filters select, as CSV, for the signed-in user
/// (a merchant user gets its own merchant's orders only). Rows are streamed from the database to the
/// response as they are read, so the size of the export never shows in the server's memory.
/// </summary>
public static class OrdersExportEndpoint
{
    public const string Path = "/orders/export.csv";

    public static IEndpointConventionBuilder MapOrdersExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync)
            .RequireAuthorization(Policies.ViewOrders)
            // A browser opens this address (a download link): without a session it goes to the sign-in page, not a bare 401.
            .AllowCookieRedirect()
            .WithName("ExportOrdersCsv")
            .ExcludeFromDescription();

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        [AsParameters] OrderFilterText text, HttpContext context, OrderQueries orders, TimeProvider clock)
    {
        var filter = OrderFilter.Parse(text);
        if (filter.Error is { } error)
        {
            return Problem(error);
        }

        var actor = CurrentUser.ToActor(context.User);
        var query = filter.Value.ToQuery(TimeZoneInfo.Utc);
        var ct = context.RequestAborted;
        var total = await orders.CountAsync(query, actor, ct);

        var headers = context.Response.Headers;
        headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        headers.ContentDisposition = $"attachment; filename={FileName(clock.GetUtcNow())}";
        headers.CacheControl = "no-store";
        return TypedResults.Stream(body => OrdersCsv.WriteAsync(body, orders.StreamAsync(query, actor, ct), ct), "text/csv; charset=utf-8");
    }

    private static string FileName(DateTimeOffset now) =>
        $"orders-{now.UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";

    private static ProblemHttpResult Problem(Error error) =>
        TypedResults.Problem(
            title: "The export filters are not valid.",
            detail: error.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code, ["field"] = error.Field });
}
