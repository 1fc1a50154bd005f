using System.Net;
using System.Net.Sockets;

namespace Sec.ServiceTests;

/// <summary>A loopback port nothing listens on now, for a test's own listener or for an address that must not answer.</summary>
public static class LocalPorts
{
    public static int Free()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
