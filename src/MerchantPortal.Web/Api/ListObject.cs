using System.Text.Json.Serialization;
namespace MerchantPortal.Web.Api;

/// <summary>A page of a list, as Stripe shapes it: <c>{object: "list", data, has_more, url}</c>.</summary>
public sealed record ListObject<T>([property: JsonPropertyName("object")] string ObjectType, IReadOnlyList<T> Data, bool HasMore, string Url);
