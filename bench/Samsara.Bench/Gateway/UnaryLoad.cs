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

    /// <summary>
    /// Every side measured in turn, round after round (a warm-up before each measurement), so load that drifts while
    /// the benchmark runs falls on all sides alike. One list of results per side, in the order given.
    /// </summary>
    public static async Task<List<LoadResult>[]> AlternatingAsync(
        IReadOnlyList<(RunService.RunServiceClient Client, IReadOnlyList<string> RunIds, string Side)> sides,
        int concurrency, int rounds, int warmup, int calls)
    {
        var results = sides.Select(_ => new List<LoadResult>()).ToArray();
        for (var round = 1; round <= rounds; round++)
        {
            for (var s = 0; s < sides.Count; s++)
            {
                var (client, runIds, side) = sides[s];
                var label = $"concurrency {concurrency}, round {round}/{rounds}, {side}";
                if (warmup > 0) await RunAsync(client, runIds, concurrency, warmup, $"{label} warm-up");
                results[s].Add(await RunAsync(client, runIds, concurrency, calls, label));
            }
        }
        return results;
    }
}
