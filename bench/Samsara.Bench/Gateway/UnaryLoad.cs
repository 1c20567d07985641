using System.Diagnostics;
using Samsara.Api.V1;

namespace Samsara.Bench.Gateway;

/// <summary>One measurement: a fixed number of calls at a fixed concurrency.</summary>
internal sealed record LoadResult(int Concurrency, int Calls, double Seconds, double P50Milliseconds, double P99Milliseconds)
{
    public double CallsPerSecond => Calls / Seconds;
}

/// <summary>
/// The load generator both servers get: <paramref name="concurrency"/> callers, each starting its next GetRun as soon
/// as the last one answered, until the shared count of calls is reached. Every answer is checked to be the run asked for.
/// </summary>
internal static class UnaryLoad
{
    public static async Task<LoadResult> RunAsync(RunService.RunServiceClient client, IReadOnlyList<string> runIds, int concurrency, int calls, string label)
    {
        var latencies = new double[calls];
        var next = -1;
        using var progress = new ConsoleProgress(label, () => Volatile.Read(ref next) + 1, calls);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < calls; i = Interlocked.Increment(ref next))
            {
                var id = runIds[i % runIds.Count];
                var start = Stopwatch.GetTimestamp();
                var run = await client.GetRunAsync(new GetRunRequest { RunId = id });
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (run.Id != id) throw new InvalidOperationException($"{label}: asked for run {id}, got {run.Id}");
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new LoadResult(concurrency, calls, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
