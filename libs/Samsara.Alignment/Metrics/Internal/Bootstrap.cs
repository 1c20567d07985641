namespace Samsara.Alignment.Metrics.Internal;

/// <summary>
/// The percentile bootstrap (Efron): resample the scores with replacement, take each resample's mean, and read the
/// interval off the sorted means at (1 − confidence)/2 and its mirror, interpolating as numpy's default percentile does.
/// </summary>
internal static class Bootstrap
{
    public static (double Lower, double Upper) PercentileInterval(double[] scores, int resamples, Random random, double confidence)
    {
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < scores.Length; i++) sum += scores[random.Next(scores.Length)];
            means[r] = sum / scores.Length;
        }
        Array.Sort(means);
        var tail = (1 - confidence) / 2;
        return (Quantile(means, tail), Quantile(means, 1 - tail));
    }

    // Linear interpolation between the two nearest order statistics (numpy's method="linear").
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
