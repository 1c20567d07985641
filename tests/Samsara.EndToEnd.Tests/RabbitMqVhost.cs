using System.Diagnostics;
using System.Net.Sockets;

namespace Samsara.EndToEnd.Tests;

/// <summary>
/// A virtual host of its own on the test broker (scripts/start-rabbitmq.sh: 127.0.0.1:5672, guest/guest, node
/// rabbit@localhost), so the run's queues share nothing with other tests or earlier runs. Deleted on dispose.
/// </summary>
public sealed class RabbitMqVhost : IDisposable
{
    public const string Host = "127.0.0.1";
    public const int Port = 5672;
    private static readonly string Node = Environment.GetEnvironmentVariable("SAMSARA_TEST_RABBITMQ_NODE") is { Length: > 0 } node ? node : "rabbit@localhost";

    private RabbitMqVhost(string name) => Name = name;

    public string Name { get; }

    public static RabbitMqVhost Create()
    {
        try
        {
            using var client = new TcpClient();
            client.ConnectAsync(Host, Port).Wait(TimeSpan.FromSeconds(5));
            if (!client.Connected) throw new SocketException((int)SocketError.TimedOut);
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not reachable on {Host}:{Port} ({e.GetBaseException().Message}); start it with `bash scripts/start-rabbitmq.sh`", e);
        }
        var name = $"samsara-e2e-{Guid.NewGuid():N}";
        Ctl("add_vhost", name);
        Ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new RabbitMqVhost(name);
    }

    public void Dispose()
    {
        try
        {
            Ctl("delete_vhost", Name);
        }
        catch (InvalidOperationException)
        {
            // Best effort: a leftover vhost holds nothing another run uses.
        }
    }

    private static void Ctl(params string[] args)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(Node);
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("rabbitmqctl is not on PATH (apt-get install -y rabbitmq-server; bash scripts/start-rabbitmq.sh)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} hung");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"rabbitmqctl -n {Node} {string.Join(' ', args)} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }
    }
}
