using Grpc.Net.Client;
using Samsara.Api;
using Samsara.Api.V1;

namespace Samsara.Bench.Gateway;

/// <summary>
/// What telemetry costs the gateway: GetRun calls/s and p50/p99 latency with exporters off (the default) against the
/// same gateway exporting every trace and metric over OTLP to <see cref="OtlpSink"/> with the Prometheus endpoint on,
/// in alternating rounds; reported as ratios on / off.
/// </summary>
internal static class TelemetryCostBench
{
    private const string ApiKey = "bench-key";

    public static async Task<int> RunAsync(string[] args)
    {
        var o = GatewayBenchOptions.Parse(args);
        await using var sink = await OtlpSink.StartAsync();
        Console.Error.WriteLine("starting the gateway with exporters off, then on…");
        await using var off = await GatewayProcess.StartAsync(ApiKey);
        await using var on = await GatewayProcess.StartAsync(ApiKey, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export often, so the measurement covers exporting and not only buffering.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["Telemetry__Prometheus__Enabled"] = "true",
        });
        using var offChannel = GrpcChannel.ForAddress(off.Address);
        using var onChannel = GrpcChannel.ForAddress(on.Address);
        var (offClient, onClient) = (new RunService.RunServiceClient(offChannel.WithApiKey(ApiKey)), new RunService.RunServiceClient(onChannel.WithApiKey(ApiKey)));
        var offIds = (await GatewayProcess.SeedAsync(offClient, o.Runs)).Runs.Select(r => r.Id).ToArray();
        var onIds = (await GatewayProcess.SeedAsync(onClient, o.Runs)).Runs.Select(r => r.Id).ToArray();

        Console.WriteLine($"GetRun of {o.Runs} runs on loopback, h2c, API key; {o.Calls} calls per measurement after {o.Warmup} warm-up; " +
                          $"{o.Rounds} rounds; {Environment.ProcessorCount} cores; exporters on = OTLP http/protobuf to a loopback sink + Prometheus endpoint");
        Console.WriteLine("| concurrency | calls/s: on / off = ratio | p50 ms: on / off = ratio | p99 ms: on / off = ratio |");
        Console.WriteLine("|-------------|---------------------------|--------------------------|--------------------------|");
        foreach (var concurrency in o.Concurrency)
        {
            var sides = await UnaryLoad.AlternatingAsync([(onClient, onIds, "exporters on"), (offClient, offIds, "exporters off")],
                concurrency, o.Rounds, o.Warmup, o.Calls);
            var (ons, offs) = (sides[0], sides[1]);
            double Median(List<LoadResult> side, Func<LoadResult, double> figure) => SamsaraRun.Median(side.Select(figure).ToList());
            var (rate, offRate) = (Median(ons, r => r.CallsPerSecond), Median(offs, r => r.CallsPerSecond));
            var (p50, offP50) = (Median(ons, r => r.P50Milliseconds), Median(offs, r => r.P50Milliseconds));
            var (p99, offP99) = (Median(ons, r => r.P99Milliseconds), Median(offs, r => r.P99Milliseconds));
            Console.WriteLine($"| {concurrency,11} | {rate,7:F0} / {offRate,7:F0} = {rate / offRate,5:F2} | {p50,6:F3} / {offP50,6:F3} = {p50 / offP50,5:F2} " +
                              $"| {p99,6:F3} / {offP99,6:F3} = {p99 / offP99,5:F2} |");
        }
        Console.WriteLine($"the sink received {sink.Requests} OTLP exports ({sink.Bytes / 1024.0:F0} KiB); ratios are on / off (medians of the rounds)");
        return sink.Requests > 0 ? 0 : 1;
    }
}
