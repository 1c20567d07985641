using System.Diagnostics;
using System.Globalization;
using Samsara.Testing.Network;

namespace Samsara.Testing.Broker;

/// <summary>
/// A RabbitMQ node of the test's own, started from Debian's <c>rabbitmq-server</c> on free loopback ports with its
/// own data directory, for a broker setting that cannot be scoped to a virtual host on the RabbitMQ here (3.10:
/// <c>consumer_timeout</c> is node-wide; per-queue timeouts came in 3.12). The shared test broker is never touched.
/// Stopped and deleted on dispose.
/// </summary>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private readonly string _directory;

    private PrivateRabbitMqNode(string name, int port, string directory)
    {
        Name = name;
        Port = port;
        _directory = directory;
    }

    /// <summary>The Erlang node name, for <see cref="Rabbitmqctl.RunOnAsync"/>.</summary>
    public string Name { get; }

    /// <summary>The AMQP port on 127.0.0.1 (user guest/guest, virtual host <c>/</c>).</summary>
    public int Port { get; }

    /// <summary>
    /// Starts a node whose deliveries time out after <paramref name="consumerTimeout"/> unacknowledged, checked every
    /// second (the default check, once a minute, would let a short test outlast the timeout unnoticed).
    /// </summary>
    public static async Task<PrivateRabbitMqNode> StartAsync(TimeSpan consumerTimeout)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("a private RabbitMQ node is started from Debian's rabbitmq-server");
        var name = $"samsara-test-{Guid.NewGuid():N}"[..24] + "@localhost";
        var (port, distPort) = (LoopbackPorts.Next(), LoopbackPorts.Next());
        var directory = Directory.CreateTempSubdirectory("samsara-rabbitmq-").FullName;
        // The server runs as the rabbitmq user (Debian's wrapper switches to it): it must be able to write here.
        File.SetUnixFileMode(directory, Everyone(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        var ms = ((long)consumerTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{port}\nconsumer_timeout = {ms}\nloopback_users.guest = true\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "advanced.config"), "[{rabbit, [{channel_tick_interval, 1000}]}].\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].\n");

        var start = new ProcessStartInfo("rabbitmq-server") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-detached");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = name,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "pid"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        })
            start.Environment[key] = value;
        foreach (var file in Directory.EnumerateFiles(directory))
            File.SetUnixFileMode(file, Everyone(UnixFileMode.UserRead | UnixFileMode.UserWrite));

        using (var server = Process.Start(start) ?? throw new InvalidOperationException("could not start rabbitmq-server"))
        {
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (server.ExitCode != 0)
                throw new InvalidOperationException($"rabbitmq-server -detached for {name} exited with {server.ExitCode}: {await server.StandardError.ReadToEndAsync()}");
        }

        var node = new PrivateRabbitMqNode(name, port, directory);
        // -detached returns before the node has registered with epmd; await_startup fails at once until it has.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Rabbitmqctl.RunOnAsync(name, "await_startup", "--timeout", "10");
                return node;
            }
            catch (InvalidOperationException) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The user's bits <paramref name="user"/> for group and others too.</summary>
    private static UnixFileMode Everyone(UnixFileMode user) => user | (UnixFileMode)((int)user >> 3) | (UnixFileMode)((int)user >> 6);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Rabbitmqctl.RunOnAsync(Name, "stop");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Not up (a failed start): nothing to stop.
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Files the broker still held; a temporary directory left behind harms nothing.
        }
    }
}
