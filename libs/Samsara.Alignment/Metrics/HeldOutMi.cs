using Samsara.Alignment.Metrics.Internal;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// One model's MI on held-out queries: the mean over queries of the lower bound and of the paper's estimate, each
/// with a seeded percentile-bootstrap interval over queries (so two runs on the same scores agree).
/// </summary>
public sealed record HeldOutMi(string Model, int Queries, MeanInterval LowerBound, MeanInterval Estimate)
{
    /// <summary>The change from the model training started from, paired per query; null for a model not trained by SAMI.</summary>
    public MiGain? Gain { get; init; }

    public const int Resamples = 1000;
    public const double Confidence = 0.95;

    public static HeldOutMi Summarise(string model, IReadOnlyList<QueryMi> queries, int seed)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0) throw new ArgumentException($"model '{model}': no held-out queries to estimate MI on");
        return new HeldOutMi(model, queries.Count,
            MeanInterval.Of([.. queries.Select(q => q.LowerBound)], new Random(seed)),
            MeanInterval.Of([.. queries.Select(q => q.Estimate)], new Random(seed)));
    }
}

/// <summary>
/// A trained model's MI minus its starting model's, both estimates, as the mean of per-query differences with a
/// bootstrap interval over queries (paired: each resample takes the same queries for both models).
/// </summary>
public sealed record MiGain(string From, MeanInterval LowerBound, MeanInterval Estimate)
{
    public static MiGain Of(string from, IReadOnlyList<QueryMi> start, IReadOnlyList<QueryMi> trained, int seed)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(trained);
        if (start.Count != trained.Count || start.Where((q, i) => q.Id != trained[i].Id).Any())
            throw new ArgumentException($"the MI gain over '{from}' needs both models scored on the same queries, in the same order");
        return new MiGain(from,
            MeanInterval.Of([.. trained.Select((q, i) => q.LowerBound - start[i].LowerBound)], new Random(seed)),
            MeanInterval.Of([.. trained.Select((q, i) => q.Estimate - start[i].Estimate)], new Random(seed)));
    }
}

/// <summary>A mean and its 95% percentile-bootstrap interval.</summary>
public sealed record MeanInterval(double Mean, double Lower, double Upper)
{
    public static MeanInterval Of(double[] values, Random random)
    {
        var (lower, upper) = Bootstrap.PercentileInterval(values, HeldOutMi.Resamples, random, HeldOutMi.Confidence);
        return new MeanInterval(values.Average(), lower, upper);
    }
}
