using System.Text.Json.Nodes;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.Objects;
using Microsoft.AspNetCore.Http;

namespace MerchantPortal.StripeSandbox.Endpoints;

/// <summary>Answers of the API: one object or a page of a list, with the request's <c>expand[]</c> applied.</summary>
internal static class ApiResponses
{
    public static IResult Object(RenderContext context, ApiRequest request, JsonObject json)
    {
        Expansion.Apply(context, json, request.Params.Expand());
        return SandboxJson.Ok(json);
    }

    /// <summary>A page of <paramref name="items"/> (any order; listed newest first by sequence).</summary>
    public static IResult List<T>(
        RenderContext context,
        ApiRequest request,
        IEnumerable<T> items,
        Func<T, string> idOf,
        Func<T, long> sequenceOf,
        Func<T, JsonObject> render,
        string objectName)
    {
        var newestFirst = items.OrderByDescending(sequenceOf).ToList();
        var (page, hasMore) = Pagination.From(request.Params).Apply(newestFirst, idOf, objectName);
        return Object(context, request, ListObject.Render(page.Select(render), hasMore, request.Path));
    }
}
