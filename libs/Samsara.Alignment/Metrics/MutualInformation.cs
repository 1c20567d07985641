namespace Samsara.Alignment.Metrics;

/// <summary>
/// Two estimates of the mutual information between constitutions and responses for one query, from the C×C matrix
/// S[i, j] = Σ_t log p(y_j,t | x, c_i) (summed log-probs of the response written under c_j, scored under c_i) and
/// the responses' scored token counts n_j:
/// <list type="bullet">
/// <item>the SAMI lower bound, log C − L(M) with M = S / n (per-token means, exactly what SAMI trains on), at most log C;</item>
/// <item>the SAMI paper's evaluation estimate (typo's mutual_information.py), mean_j [S[j, j] − mean_k S[k, j]]: summed
/// log-probs, a mean of log-ratios, so not capped at log C.</item>
/// </list>
/// </summary>
public static class MutualInformation
{
    public static QueryMi Of(string id, string category, double[,] sums, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(counts);
        int c = sums.GetLength(0);
        if (sums.GetLength(1) != c || counts.Count != c || c < 2)
            throw new ArgumentException($"query '{id}': MI needs a square C×C matrix (C ≥ 2) and C token counts, got {sums.GetLength(0)}×{sums.GetLength(1)} and {counts.Count}");
        var means = new double[c, c];
        for (var i = 0; i < c; i++)
            for (var j = 0; j < c; j++)
                means[i, j] = sums[i, j] / counts[j];
        double rowLoss = 0, columnLoss = 0, estimate = 0;
        for (var k = 0; k < c; k++)
        {
            rowLoss -= means[k, k] - LogSumExp(c, j => means[k, j]);
            columnLoss -= means[k, k] - LogSumExp(c, i => means[i, k]);
            double column = 0;
            for (var i = 0; i < c; i++) column += sums[i, k];
            estimate += sums[k, k] - column / c;
        }
        var loss = (rowLoss / c + columnLoss / c) / 2;
        return new QueryMi(id, category, Math.Log(c) - loss, estimate / c);
    }

    private static double LogSumExp(int n, Func<int, double> value)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < n; i++) max = Math.Max(max, value(i));
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += Math.Exp(value(i) - max);
        return max + Math.Log(sum);
    }
}

/// <summary>One query's MI lower bound (log C − SAMI loss, per-token means) and the paper's estimate (summed log-probs).</summary>
public sealed record QueryMi(string Id, string Category, double LowerBound, double Estimate);
