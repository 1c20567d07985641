namespace Samsara.Bench.Events;

/// <summary>The event benchmark's knobs, as `--name value` pairs.</summary>
internal sealed record EventsBenchOptions
{
    /// <summary>Measured events per side and round.</summary>
    public int Messages { get; init; } = 10_000;

    /// <summary>Unmeasured events before the measurements, on each side: channels, the broker's queue process, the JIT's tiers.</summary>
    public int Warmup { get; init; } = 5_000;

    /// <summary>Publishes awaiting the broker's confirm at once, for throughput: a stage publishing from several consumers.</summary>
    public int Window { get; init; } = 100;

    /// <summary>
    /// Events published one at a time, for latency: at full throughput the consumer falls behind the publisher and the
    /// latency measured is the queue's backlog, not the path through the broker.
    /// </summary>
    public int LatencyMessages { get; init; } = 1_000;

    /// <summary>Rounds alternate the two sides, so drift in the machine's speed hits both alike.</summary>
    public int Rounds { get; init; } = 5;

    public string? Out { get; init; }

    public static EventsBenchOptions Parse(string[] args)
    {
        var o = new EventsBenchOptions();
        foreach (var (name, v) in BenchArgs.Pairs(args))
        {
            o = name switch
            {
                "--messages" => o with { Messages = BenchArgs.Positive(name, v) },
                "--warmup" => o with { Warmup = BenchArgs.NonNegative(name, v) },
                "--window" => o with { Window = BenchArgs.Positive(name, v) },
                "--latency-messages" => o with { LatencyMessages = BenchArgs.Positive(name, v) },
                "--rounds" => o with { Rounds = BenchArgs.Positive(name, v) },
                "--out" => o with { Out = v },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }
}
