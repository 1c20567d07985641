namespace Samsara.Bench.JudgeScale;

/// <summary>The judge-scaling benchmark's knobs, as `--name value` pairs.</summary>
internal sealed record JudgeScaleOptions
{
    /// <summary>Pairwise items of the one comparison judged, each in both orders (two endpoint calls).</summary>
    public int Items { get; init; } = 200;

    /// <summary>Items per judge batch (per EvaluationTask), as the gateway's <c>Runs:JudgeBatchItems</c> sets them.</summary>
    public int BatchItems { get; init; } = 10;

    /// <summary>The latency the endpoint adds to every call, in milliseconds: what a remote LLM judge costs.</summary>
    public int LatencyMs { get; init; } = 500;

    /// <summary>Calls in flight per judge replica (<c>Judging:OpenAi:MaxConcurrency</c>).</summary>
    public int EndpointConcurrency { get; init; } = 4;

    /// <summary>The judge process counts measured, in order.</summary>
    public IReadOnlyList<int> Replicas { get; init; } = [1, 2, 4];

    public static JudgeScaleOptions Parse(string[] args)
    {
        var o = new JudgeScaleOptions();
        foreach (var (name, v) in BenchArgs.Pairs(args))
        {
            o = name switch
            {
                "--items" => o with { Items = BenchArgs.Positive(name, v) },
                "--batch" => o with { BatchItems = BenchArgs.Positive(name, v) },
                "--latency-ms" => o with { LatencyMs = BenchArgs.NonNegative(name, v) },
                "--endpoint-concurrency" => o with { EndpointConcurrency = BenchArgs.Positive(name, v) },
                "--replicas" => o with { Replicas = [.. v.Split(',').Select(r => BenchArgs.Positive(name, r))] },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return o;
    }
}
