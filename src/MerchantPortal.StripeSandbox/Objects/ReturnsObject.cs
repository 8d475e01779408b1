using Microsoft.AspNetCore.Builder;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>
/// Endpoint metadata: the object type an endpoint answers with (or lists), so <c>expand[]</c> can be checked
/// before the endpoint changes anything.
/// </summary>
internal sealed record ReturnsObject(string Type, bool IsList);

internal static class ReturnsObjectExtensions
{
    public static RouteHandlerBuilder Returns(this RouteHandlerBuilder endpoint, string type) =>
        endpoint.WithMetadata(new ReturnsObject(type, IsList: false));

    public static RouteHandlerBuilder ReturnsListOf(this RouteHandlerBuilder endpoint, string type) =>
        endpoint.WithMetadata(new ReturnsObject(type, IsList: true));
}
