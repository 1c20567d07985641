using System.Diagnostics;

namespace Samsara.Testing.Broker;

/// <summary>
/// Runs <c>rabbitmqctl</c> against the test node: the broker's own, management-plugin-free view of queues, and the way
/// to stop and start it. Command from <c>SAMSARA_TEST_RABBITMQCTL</c> (default <c>rabbitmqctl</c>), node from
/// <c>SAMSARA_TEST_RABBITMQ_NODE</c> (default <c>rabbit@localhost</c>, as scripts/start-rabbitmq.sh names it).
/// </summary>
public static class Rabbitmqctl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string Command { get; } = Environment.GetEnvironmentVariable("SAMSARA_TEST_RABBITMQCTL") is { Length: > 0 } command ? command : "rabbitmqctl";

    public static string Node { get; } = Environment.GetEnvironmentVariable("SAMSARA_TEST_RABBITMQ_NODE") is { Length: > 0 } node ? node : "rabbit@localhost";

    /// <summary>The names of the queues in the broker's default virtual host.</summary>
    public static async Task<IReadOnlyList<string>> ListQueuesAsync()
    {
        var output = await RunAsync("list_queues", "--no-table-headers", "--quiet", "name");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Task<string> RunAsync(params string[] arguments) => RunOnAsync(Node, arguments);

    /// <summary>Runs rabbitmqctl against <paramref name="node"/> (e.g. a <see cref="PrivateRabbitMqNode"/>).</summary>
    public static async Task<string> RunOnAsync(string node, params string[] arguments)
    {
        var start = new ProcessStartInfo(Command) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(node);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The CLI is an Erlang node itself; keep its distribution listener on loopback as the server's is.
        start.Environment.TryAdd("RABBITMQ_CTL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Command} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Command} -n {node} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }
}
