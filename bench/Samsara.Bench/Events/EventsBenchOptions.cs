using System.Globalization;

namespace Samsara.Bench.Events;

/// <summary>The event benchmark's knobs, as `--name value` pairs.</summary>
internal sealed record EventsBenchOptions
{
    /// <summary>Measured events per side and round.</summary>
    public int Messages { get; init; } = 10_000;

    /// <summary>Unmeasured events before each measurement (channels, JIT, the broker's queue process).</summary>
    public int Warmup { get; init; } = 1_000;

    /// <summary>Publishes awaiting the broker's confirm at once, for throughput: a stage publishing from several consumers.</summary>
    public int Window { get; init; } = 100;

    /// <summary>
    /// Events published one at a time, for latency: at full throughput the consumer falls behind the publisher and the
    /// latency measured is the queue's backlog, not the path through the broker.
    /// </summary>
    public int LatencyMessages { get; init; } = 1_000;

    /// <summary>Rounds alternate the two sides, so drift in the machine's speed hits both alike.</summary>
    public int Rounds { get; init; } = 3;

    public string? Out { get; init; }

    public static EventsBenchOptions Parse(string[] args)
    {
        var o = new EventsBenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
            var v = args[i + 1];
            int Positive()
            {
                var n = int.Parse(v, CultureInfo.InvariantCulture);
                return n > 0 ? n : throw new ArgumentException($"{args[i]} must be > 0, not {v}");
            }
            o = args[i] switch
            {
                "--messages" => o with { Messages = Positive() },
                "--warmup" => o with { Warmup = int.Parse(v, CultureInfo.InvariantCulture) },
                "--window" => o with { Window = Positive() },
                "--latency-messages" => o with { LatencyMessages = Positive() },
                "--rounds" => o with { Rounds = Positive() },
                "--out" => o with { Out = v },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }
}
