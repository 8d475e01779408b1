using System.Net;
using MerchantPortal.Common;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Webhooks;

/// <summary>
/// The one home of the rules for a webhook URL: its shape, and the addresses its host resolves to. Checked when an
/// endpoint is saved and again before every attempt, because DNS may answer differently the second time
/// (DNS rebinding); the sender then connects to exactly the addresses checked here.
/// </summary>
public sealed class WebhookUrlPolicy(IWebhookAddressResolver resolver, IOptions<WebhookOptions> options)
{
    public const int MaxUrlLength = 2048;

    /// <summary>The URL, parsed, or the field errors of its shape.</summary>
    public Result<Uri> CheckShape(string? url)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0)
        {
            return WebhookErrors.UrlRequired;
        }

        if (text.Length > MaxUrlLength)
        {
            return WebhookErrors.UrlTooLong;
        }

        var allowHttp = options.Value.AllowPrivateAddresses;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            || uri.Host.Length == 0)
        {
            return WebhookErrors.UrlInvalid;
        }

        return uri.UserInfo.Length > 0 ? WebhookErrors.UrlHasCredentials : uri;
    }

    /// <summary>The addresses to connect to for <paramref name="uri"/>, if every one of them may be reached.</summary>
    public async Task<Result<IPAddress[]>> ResolveAsync(Uri uri, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(uri.IdnHost, ct);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return WebhookErrors.UrlUnresolvable;
        }

        if (addresses.Length == 0)
        {
            return WebhookErrors.UrlUnresolvable;
        }

        // Every answer must be public: the client could otherwise be steered to whichever one is internal.
        return options.Value.AllowPrivateAddresses || addresses.All(PublicAddresses.IsPublic)
            ? addresses
            : WebhookErrors.UrlPrivateAddress;
    }
}
