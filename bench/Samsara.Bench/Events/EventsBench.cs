using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Bench.Events;

/// <summary>
/// The event benchmark: run events through a real RabbitMQ (a vhost of its own), Samsara.Messaging's bus against the
/// bare RabbitMQ.Client publishing and consuming the same bytes, in alternating rounds: end-to-end events/s with many
/// publishes in flight, and publish-to-consume latency of events published one at a time, as ratios.
/// </summary>
internal static class EventsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = EventsBenchOptions.Parse(args);
        using var vhost = BenchVhost.Create();
        Console.Error.WriteLine($"vhost {vhost.Name}; starting the bus…");
        await using var samsara = await MassTransitSide.StartAsync(vhost.Name);
        // Warm up Samsara's side first: it also gives the envelope the peer will publish and the prefetch it will use.
        if (o.Warmup > 0) await samsara.MeasureAsync(o.Warmup, o.Window, "samsara warm-up");
        var body = samsara.LastBody ?? throw new InvalidOperationException("no event reached the consumer");
        var prefetch = vhost.PrefetchCounts(MassTransitSide.Queue) is [var only] ? only
            : throw new InvalidOperationException($"expected one consumer on {MassTransitSide.Queue}, the broker lists {vhost.PrefetchCounts(MassTransitSide.Queue).Count}");
        await using var peer = await RawRabbitSide.StartAsync(vhost.Name, checked((ushort)prefetch));
        if (o.Warmup > 0) await peer.MeasureAsync(body, o.Warmup, o.Window, "raw warm-up");

        Console.WriteLine($"TrainingProgress events ({body.Length}-byte MassTransit envelope), durable queue, persistent, publisher confirms, " +
                          $"prefetch {prefetch} (MassTransit's, from the broker); throughput: {o.Messages} events, {o.Window} publishes in flight; " +
                          $"latency: {o.LatencyMessages} events one at a time; {o.Rounds} rounds; {Environment.ProcessorCount} cores; RabbitMQ on loopback");
        var rounds = new List<(EventResult Samsara, EventResult Peer, EventResult SamsaraLatency, EventResult PeerLatency)>();
        for (var round = 1; round <= o.Rounds; round++)
        {
            var label = $"round {round}/{o.Rounds}";
            rounds.Add((
                await samsara.MeasureAsync(o.Messages, o.Window, $"{label}, samsara, throughput"),
                await peer.MeasureAsync(body, o.Messages, o.Window, $"{label}, raw client, throughput"),
                await samsara.MeasureAsync(o.LatencyMessages, 1, $"{label}, samsara, latency"),
                await peer.MeasureAsync(body, o.LatencyMessages, 1, $"{label}, raw client, latency")));
        }

        Console.WriteLine("| round | events/s: Samsara / RabbitMQ.Client = ratio | p50 ms: Samsara / RabbitMQ.Client = ratio | p99 ms: Samsara / RabbitMQ.Client = ratio |");
        Console.WriteLine("|-------|---------------------------------------------|-------------------------------------------|-------------------------------------------|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var (s, p, sl, pl) = rounds[i];
            Console.WriteLine($"| {i + 1,5} | {s.MessagesPerSecond,8:F0} / {p.MessagesPerSecond,8:F0} = {s.MessagesPerSecond / p.MessagesPerSecond,5:F2}{"",13}" +
                              $"| {sl.P50Milliseconds,7:F3} / {pl.P50Milliseconds,7:F3} = {sl.P50Milliseconds / pl.P50Milliseconds,5:F2}{"",9}" +
                              $"| {sl.P99Milliseconds,7:F3} / {pl.P99Milliseconds,7:F3} = {sl.P99Milliseconds / pl.P99Milliseconds,5:F2}{"",9}|");
        }
        var rate = SamsaraRun.Median(rounds.Select(r => r.Samsara.MessagesPerSecond / r.Peer.MessagesPerSecond).ToList());
        var p50 = SamsaraRun.Median(rounds.Select(r => r.SamsaraLatency.P50Milliseconds / r.PeerLatency.P50Milliseconds).ToList());
        var p99 = SamsaraRun.Median(rounds.Select(r => r.SamsaraLatency.P99Milliseconds / r.PeerLatency.P99Milliseconds).ToList());
        Console.WriteLine($"median ratios (Samsara / RabbitMQ.Client): events/s {rate:F2} (above 1 is better); publish-to-consume latency, " +
                          $"one event at a time: p50 {p50:F2}, p99 {p99:F2} (below 1 is better)");
        if (o.Out is not null)
        {
            var record = new JsonObject
            {
                ["options"] = JsonSerializer.SerializeToNode(o),
                ["prefetch"] = prefetch,
                ["envelope_bytes"] = body.Length,
                ["rounds"] = JsonSerializer.SerializeToNode(rounds.Select(r => new
                {
                    samsara = r.Samsara, rabbitmq_client = r.Peer, samsara_latency = r.SamsaraLatency, rabbitmq_client_latency = r.PeerLatency,
                })),
                ["throughput_ratio"] = rate,
                ["p50_ratio"] = p50,
                ["p99_ratio"] = p99,
            };
            File.WriteAllText(o.Out, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }
}
