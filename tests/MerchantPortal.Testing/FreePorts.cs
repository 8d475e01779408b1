using System.Net;
using System.Net.Sockets;

namespace MerchantPortal.Testing;

/// <summary>Loopback ports for tests: one that was free a moment ago (nothing listens on it now).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
