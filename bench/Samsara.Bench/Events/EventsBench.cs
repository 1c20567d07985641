using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samsara.Bench.Events;

/// <summary>
/// The event benchmark: run events through a real RabbitMQ (a vhost of its own), Samsara.Messaging's bus against the
/// bare RabbitMQ.Client publishing and consuming the same bytes, in alternating rounds: end-to-end events/s and
/// publish-to-consume latency, as ratios.
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
                          $"{o.Window} publishes in flight, prefetch {prefetch} (MassTransit's, from the broker); {o.Messages} events per measurement; {o.Rounds} rounds; " +
                          $"{Environment.ProcessorCount} cores; RabbitMQ on loopback");
        var rounds = new List<(EventResult Samsara, EventResult Peer)>();
        for (var round = 1; round <= o.Rounds; round++)
        {
            var ours = await samsara.MeasureAsync(o.Messages, o.Window, $"round {round}/{o.Rounds}, samsara");
            var theirs = await peer.MeasureAsync(body, o.Messages, o.Window, $"round {round}/{o.Rounds}, raw client");
            rounds.Add((ours, theirs));
        }

        Console.WriteLine("| round | events/s: Samsara / RabbitMQ.Client = ratio | p50 ms: Samsara / RabbitMQ.Client = ratio | p99 ms: Samsara / RabbitMQ.Client = ratio |");
        Console.WriteLine("|-------|---------------------------------------------|-------------------------------------------|-------------------------------------------|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var (s, p) = rounds[i];
            Console.WriteLine($"| {i + 1,5} | {s.MessagesPerSecond,8:F0} / {p.MessagesPerSecond,8:F0} = {s.MessagesPerSecond / p.MessagesPerSecond,5:F2}{"",13}" +
                              $"| {s.P50Milliseconds,7:F2} / {p.P50Milliseconds,7:F2} = {s.P50Milliseconds / p.P50Milliseconds,5:F2}{"",11}" +
                              $"| {s.P99Milliseconds,7:F2} / {p.P99Milliseconds,7:F2} = {s.P99Milliseconds / p.P99Milliseconds,5:F2}{"",11}|");
        }
        var rate = SamsaraRun.Median(rounds.Select(r => r.Samsara.MessagesPerSecond / r.Peer.MessagesPerSecond).ToList());
        var p50 = SamsaraRun.Median(rounds.Select(r => r.Samsara.P50Milliseconds / r.Peer.P50Milliseconds).ToList());
        var p99 = SamsaraRun.Median(rounds.Select(r => r.Samsara.P99Milliseconds / r.Peer.P99Milliseconds).ToList());
        Console.WriteLine($"median ratios (Samsara / RabbitMQ.Client): events/s {rate:F2}, p50 latency {p50:F2}, p99 latency {p99:F2}");
        if (o.Out is not null)
        {
            var record = new JsonObject
            {
                ["options"] = JsonSerializer.SerializeToNode(o),
                ["prefetch"] = prefetch,
                ["envelope_bytes"] = body.Length,
                ["rounds"] = JsonSerializer.SerializeToNode(rounds.Select(r => new { samsara = r.Samsara, rabbitmq_client = r.Peer })),
                ["throughput_ratio"] = rate,
                ["p50_ratio"] = p50,
                ["p99_ratio"] = p99,
            };
            File.WriteAllText(o.Out, record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }
}
