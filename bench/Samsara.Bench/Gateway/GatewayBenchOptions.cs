namespace Samsara.Bench.Gateway;

/// <summary>The gateway benchmark's knobs, as `--name value` pairs.</summary>
internal sealed record GatewayBenchOptions
{
    /// <summary>Calls in flight at once, one level after another.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 64];

    /// <summary>Measured calls per level, side and round.</summary>
    public int Calls { get; init; } = 10_000;

    /// <summary>Unmeasured calls before each measurement, at the same concurrency (connections, JIT, caches).</summary>
    public int Warmup { get; init; } = 1_000;

    /// <summary>Rounds alternate the two servers, so drift in the machine's speed hits both alike.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Runs seeded into the gateway; the calls ask for them in turn.</summary>
    public int Runs { get; init; } = 16;

    /// <summary>The grpcio server: <c>aio</c> (asyncio, grpcio's faster Python server here) or <c>sync</c> (thread pool).</summary>
    public string Peer { get; init; } = "aio";

    public string? Out { get; init; }

    public static GatewayBenchOptions Parse(string[] args)
    {
        var o = new GatewayBenchOptions();
        foreach (var (name, v) in BenchArgs.Pairs(args))
        {
            o = name switch
            {
                "--concurrency" => o with { Concurrency = v.Split(',').Select(c => BenchArgs.Positive(name, c)).ToArray() },
                "--calls" => o with { Calls = BenchArgs.Positive(name, v) },
                "--warmup" => o with { Warmup = BenchArgs.NonNegative(name, v) },
                "--rounds" => o with { Rounds = BenchArgs.Positive(name, v) },
                "--runs" => o with { Runs = BenchArgs.Positive(name, v) },
                "--peer" => o with { Peer = v is "aio" or "sync" ? v : throw new ArgumentException($"--peer must be aio or sync, not '{v}'") },
                "--out" => o with { Out = v },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }
}
