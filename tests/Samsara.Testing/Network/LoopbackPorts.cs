using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Samsara.Testing.Network;

/// <summary>
/// Loopback ports for something that must be told its port before it binds: a child process, an HttpListener, a port
/// that should stay closed. They come from outside the kernel's ephemeral range, because any port inside it can be
/// handed out between our pick and the child's bind — to a listener on port 0 (the gateway's own embedded Dapr
/// sidecar took the gateway's port that way in CI) or as the source port of any outgoing loopback connection.
/// A port is checked free when picked and never given twice by one process; what stays is a race with another
/// process picking the same one of ~20,000 ports within the same second.
/// </summary>
public static class LoopbackPorts
{
    // Below: well-known and registered services (RabbitMQ's 5672, 8080…), and the ports other tools hand out.
    private const int Lowest = 20_000;
    private const int Highest = 65_535;
    private static readonly HashSet<int> Given = [];
    private static readonly (int Low, int High) Ephemeral = EphemeralRange();
    private static readonly List<int> Candidates = OutsideEphemeral();

    /// <summary>A loopback port that was free a moment ago and that the kernel will not give to anything else.</summary>
    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Candidates[Random.Shared.Next(Candidates.Count)];
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free loopback port in {Lowest}–{Highest} outside the ephemeral range {Ephemeral.Low}–{Ephemeral.High}");
    }

    private static List<int> OutsideEphemeral()
    {
        var below = Enumerable.Range(Lowest, Math.Max(0, Ephemeral.Low - Lowest));
        var above = Enumerable.Range(Ephemeral.High + 1, Math.Max(0, Highest - Ephemeral.High));
        var candidates = below.Concat(above).ToList();
        return candidates.Count > 0
            ? candidates
            : throw new InvalidOperationException($"the ephemeral range {Ephemeral.Low}–{Ephemeral.High} leaves no port in {Lowest}–{Highest} to pick");
    }

    private static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Linux's range (the IANA one, 49152–65535, where it cannot be read).</summary>
    private static (int Low, int High) EphemeralRange()
    {
        const string path = "/proc/sys/net/ipv4/ip_local_port_range";
        if (!File.Exists(path))
            return (49_152, 65_535);
        var bounds = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[1], CultureInfo.InvariantCulture));
    }
}
