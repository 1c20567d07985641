namespace Samsara.Bench.Judge;

/// <summary>The judge benchmark's knobs, as `--name value` pairs.</summary>
internal sealed record JudgeBenchOptions
{
    /// <summary>Pairs in one Judge request (and in one direct run of the peer); the service takes up to 10,000.</summary>
    public int Pairs { get; init; } = 2_000;

    /// <summary>Judge requests per measurement, one after another.</summary>
    public int Requests { get; init; } = 5;

    /// <summary>Pairs judged at once: the request's <c>concurrency</c> (the service takes up to 64), and the peer's.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Unmeasured requests before each measurement (connections, JIT).</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Rounds alternate the two sides, so drift in the machine's speed hits both alike.</summary>
    public int Rounds { get; init; } = 3;

    public string? Out { get; init; }

    public static JudgeBenchOptions Parse(string[] args)
    {
        var o = new JudgeBenchOptions();
        foreach (var (name, v) in BenchArgs.Pairs(args))
        {
            o = name switch
            {
                "--pairs" => o with { Pairs = BenchArgs.Positive(name, v) },
                "--requests" => o with { Requests = BenchArgs.Positive(name, v) },
                "--concurrency" => o with { Concurrency = BenchArgs.Positive(name, v) },
                "--warmup" => o with { Warmup = BenchArgs.NonNegative(name, v) },
                "--rounds" => o with { Rounds = BenchArgs.Positive(name, v) },
                "--out" => o with { Out = v },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }
}
