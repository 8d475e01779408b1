using System.Net;
using System.Net.Sockets;

namespace MerchantPortal.Webhooks;

/// <summary>
/// Opens a webhook request's connection to one of the addresses <see cref="WebhookUrlPolicy"/> checked for it,
/// never to a fresh DNS answer, so a host that resolves differently the second time cannot redirect the request.
/// </summary>
internal static class PinnedConnection
{
    /// <summary>The checked addresses, carried on the request.</summary>
    public static readonly HttpRequestOptionsKey<IPAddress[]> Addresses = new("MerchantPortal.Webhooks.Addresses");

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(Addresses, out var addresses) || addresses.Length == 0)
        {
            throw new InvalidOperationException("A webhook request must carry the addresses checked for it.");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
