using System.Diagnostics;

namespace Samsara.Bench.Events;

/// <summary>
/// A RabbitMQ virtual host of the benchmark's own on the loopback broker (scripts/start-rabbitmq.sh), so its queues
/// share nothing with tests or services; deleted on dispose. Node from SAMSARA_TEST_RABBITMQ_NODE, as the tests'.
/// </summary>
internal sealed class BenchVhost : IDisposable
{
    private static readonly string Node = Environment.GetEnvironmentVariable("SAMSARA_TEST_RABBITMQ_NODE") is { Length: > 0 } node ? node : "rabbit@localhost";

    private BenchVhost(string name) => Name = name;

    public string Name { get; }

    public static BenchVhost Create()
    {
        var name = $"samsara-bench-{Guid.NewGuid():N}";
        Ctl("add_vhost", name);
        var vhost = new BenchVhost(name);
        try
        {
            Ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
            return vhost;
        }
        catch
        {
            vhost.Dispose();
            throw;
        }
    }

    /// <summary>The prefetch counts of the consumers on <paramref name="queue"/>, as the broker reports them.</summary>
    public IReadOnlyList<int> PrefetchCounts(string queue) =>
        Ctl("list_consumers", "-p", Name, "--no-table-headers", "--quiet", "queue_name", "prefetch_count")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(cols => cols.Length == 2 && cols[0] == queue)
            .Select(cols => int.Parse(cols[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    public void Dispose()
    {
        try
        {
            Ctl("delete_vhost", Name);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"could not delete vhost {Name}: {e.Message}");
        }
    }

    private static string Ctl(params string[] args)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(Node);
        foreach (var a in args) start.ArgumentList.Add(a);
        // The CLI is an Erlang node itself; keep its distribution listener on loopback as the server's is.
        start.Environment.TryAdd("RABBITMQ_CTL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
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
                throw new InvalidOperationException($"rabbitmqctl -n {Node} {string.Join(' ', args)} exited with {process.ExitCode}: {stdout.Result}{stderr.Result} " +
                                                    "(is RabbitMQ running? bash scripts/start-rabbitmq.sh)");
            return stdout.Result;
        }
    }
}
