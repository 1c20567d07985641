using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Samsara.Api;
using Samsara.Api.V1;

namespace Samsara.Bench.Gateway;

/// <summary>
/// The gateway benchmark: RunService.GetRun calls/s and p50/p99 latency on loopback at several concurrencies, the real
/// gateway against a python3-grpcio server answering the same runs, in alternating rounds; reported as ratios.
/// </summary>
/// <remarks>
/// Both servers are driven by the same load generator, the generated client on grpc-dotnet's GrpcChannel in
/// this process: it is the same work for both, and it can issue far more calls per second than a grpcio client,
/// whose Python side would be the bottleneck and hide the servers' difference.
/// </remarks>
internal static class GatewayBench
{
    private const string ApiKey = "bench-key";

    public static async Task<int> RunAsync(string[] args)
    {
        var o = GatewayBenchOptions.Parse(args);
        Console.Error.WriteLine("starting the gateway…");
        await using var gateway = await GatewayProcess.StartAsync(ApiKey);
        using var gatewayChannel = GrpcChannel.ForAddress(gateway.Address);
        var samsara = new RunService.RunServiceClient(gatewayChannel.WithApiKey(ApiKey));
        var runs = await GatewayProcess.SeedAsync(samsara, o.Runs);
        var ids = runs.Runs.Select(r => r.Id).ToArray();

        Console.Error.WriteLine($"starting the grpcio peer ({o.Peer})…");
        await using var peer = await GrpcioPeer.StartAsync(runs, ApiKey, o.Peer);
        using var peerChannel = GrpcChannel.ForAddress(peer.Address);
        var grpcio = new RunService.RunServiceClient(peerChannel.WithApiKey(ApiKey));
        // The same message from both: the peer answers with what the gateway answered.
        var first = new GetRunRequest { RunId = ids[0] };
        var (ours, theirs) = (await samsara.GetRunAsync(first), await grpcio.GetRunAsync(first));
        if (!ours.Equals(theirs)) throw new InvalidOperationException($"the peer's run differs from the gateway's:\n{ours}\n{theirs}");

        Console.WriteLine($"GetRun of {ids.Length} runs ({ours.CalculateSize()} bytes each) on loopback, h2c, API key; {o.Calls} calls per " +
                          $"measurement after {o.Warmup} warm-up; {o.Rounds} rounds; {Environment.ProcessorCount} cores; load generator: grpc-dotnet's client");
        Console.WriteLine($"peer: python3 {peer.Version}, grpc.{(o.Peer == "aio" ? "aio" : "server (thread pool)")} server");
        var results = new List<(int Concurrency, List<LoadResult> Samsara, List<LoadResult> Peer)>();
        foreach (var concurrency in o.Concurrency)
        {
            var sides = await UnaryLoad.AlternatingAsync([(samsara, ids, "samsara"), (grpcio, ids, "grpcio")], concurrency, o.Rounds, o.Warmup, o.Calls);
            results.Add((concurrency, sides[0], sides[1]));
        }
        Print(results, o, peer.Version);
        return 0;
    }

    private static void Print(List<(int Concurrency, List<LoadResult> Samsara, List<LoadResult> Peer)> results, GatewayBenchOptions o, string peerVersion)
    {
        Console.WriteLine("| concurrency | calls/s: Samsara / grpcio = ratio | p50 ms: Samsara / grpcio = ratio | p99 ms: Samsara / grpcio = ratio |");
        Console.WriteLine("|-------------|-----------------------------------|---------------------------------|---------------------------------|");
        var record = new JsonArray();
        foreach (var (concurrency, ours, theirs) in results)
        {
            // Medians over the rounds, each figure on its own.
            double Median(List<LoadResult> side, Func<LoadResult, double> figure) => SamsaraRun.Median(side.Select(figure).ToList());
            var (rate, peerRate) = (Median(ours, r => r.CallsPerSecond), Median(theirs, r => r.CallsPerSecond));
            var (p50, peerP50) = (Median(ours, r => r.P50Milliseconds), Median(theirs, r => r.P50Milliseconds));
            var (p99, peerP99) = (Median(ours, r => r.P99Milliseconds), Median(theirs, r => r.P99Milliseconds));
            Console.WriteLine($"| {concurrency,11} | {rate,8:F0} / {peerRate,8:F0} = {rate / peerRate,5:F2}   | {p50,6:F3} / {peerP50,6:F3} = {p50 / peerP50,5:F2}   " +
                              $"| {p99,6:F3} / {peerP99,6:F3} = {p99 / peerP99,5:F2}   |");
            record.Add(new JsonObject
            {
                ["concurrency"] = concurrency,
                ["samsara"] = JsonSerializer.SerializeToNode(ours),
                ["grpcio"] = JsonSerializer.SerializeToNode(theirs),
                ["throughput_ratio"] = rate / peerRate,
                ["p50_ratio"] = p50 / peerP50,
                ["p99_ratio"] = p99 / peerP99,
            });
        }
        Console.WriteLine("ratios are Samsara / grpcio: above 1 is better for calls/s, below 1 is better for latency (medians of the rounds)");
        if (o.Out is null) return;
        var json = new JsonObject { ["options"] = JsonSerializer.SerializeToNode(o), ["peer"] = peerVersion, ["levels"] = record };
        File.WriteAllText(o.Out, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
