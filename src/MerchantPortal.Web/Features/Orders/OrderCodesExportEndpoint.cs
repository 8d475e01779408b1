using System.Text;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MerchantPortal.Web.Features.Orders;

/// <summary>
/// <c>GET /orders/{id}/codes.csv</c>: the delivered codes of one order (and only those) as CSV, for the merchant's own
/// users (staff get 403: they reveal codes one at a time, with a reason); each download is audited. An order's codes are few, so the file is written at once.
/// </summary>
public static class OrderCodesExportEndpoint
{
    public static string PathFor(Guid orderId) => $"/orders/{orderId}/codes.csv";

    public static IEndpointConventionBuilder MapOrderCodesExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/orders/{id:guid}/codes.csv", ExportAsync)
            .RequireAuthorization(Policies.SendCodes)
            .AllowCookieRedirect()
            .WithName("ExportOrderCodesCsv")
            .ExcludeFromDescription();

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ExportAsync(Guid id, HttpContext context, CodeEmailService codes)
    {
        var sheet = await codes.ReadSheetAsync(id, "Downloaded", CurrentUser.ToActor(context.User), context.RequestAborted);
        if (sheet.Error == CodeEmailErrors.StaffExport)
        {
            return TypedResults.Problem(sheet.Error.Message, statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["code"] = sheet.Error.Code });
        }

        if (!sheet.Succeeded)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(Csv(sheet.Value)), "text/csv; charset=utf-8", $"{sheet.Value.Reference}-codes.csv");
    }

    /// <summary>One row per delivered code, quoted and made formula-inert as the orders export is.</summary>
    public static string Csv(DeliveredCodeSheet sheet)
    {
        var csv = new StringBuilder("order,line,item,code" + OrdersCsv.LineEnd);
        foreach (var code in sheet.Codes)
        {
            csv.Append(OrdersCsv.Field(sheet.Reference)).Append(',')
                .Append(code.LineNumber).Append(',')
                .Append(OrdersCsv.Field(code.ItemName)).Append(',')
                .Append(OrdersCsv.Field(code.Code)).Append(OrdersCsv.LineEnd);
        }

        return csv.ToString();
    }
}
