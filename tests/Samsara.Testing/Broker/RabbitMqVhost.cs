using System.Net.Sockets;

namespace Samsara.Testing.Broker;

/// <summary>
/// A virtual host of its own on the test broker (scripts/start-rabbitmq.sh: 127.0.0.1:5672, guest/guest, node
/// rabbit@localhost), so the run's queues share nothing with other tests or earlier runs. Deleted on dispose.
/// rabbitmqctl is driven by <see cref="Rabbitmqctl"/>.
/// </summary>
public sealed class RabbitMqVhost : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const int Port = 5672;

    private RabbitMqVhost(string name) => Name = name;

    public string Name { get; }

    public static async Task<RabbitMqVhost> CreateAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not reachable on {Host}:{Port} ({e.Message}); start it with `bash scripts/start-rabbitmq.sh`", e);
        }
        var name = $"samsara-e2e-{Guid.NewGuid():N}";
        await Rabbitmqctl.RunAsync("add_vhost", name);
        await Rabbitmqctl.RunAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new RabbitMqVhost(name);
    }

    /// <summary>Stops RabbitMQ inside its node (every connection drops, durable queues stay) and starts it again.</summary>
    public static async Task RestartBrokerAsync(TimeSpan down)
    {
        await Rabbitmqctl.RunAsync("stop_app");
        try
        {
            await Task.Delay(down);
        }
        finally
        {
            await Rabbitmqctl.RunAsync("start_app");
            await Rabbitmqctl.RunAsync("await_startup", "--timeout", "60");
        }
    }

    /// <summary>How many messages wait in <paramref name="queue"/> of this virtual host.</summary>
    public async Task<int> CountAsync(string queue)
    {
        var output = await Rabbitmqctl.RunAsync("list_queues", "-p", Name, "--no-table-headers", "--quiet", "name", "messages");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (line.Split('\t') is [var name, var count] && name == queue)
                return int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Rabbitmqctl.RunAsync("delete_vhost", Name);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Best effort: a leftover vhost holds nothing another run uses.
        }
    }
}
