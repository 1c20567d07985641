namespace Samsara.Alignment.Metrics;

/// <summary>
/// pass@k: the chance that at least one of k samples is correct, estimated without bias from n ≥ k samples of which
/// c are correct (Chen et al. 2021, "Evaluating Large Language Models Trained on Code", arXiv 2107.03374):
/// 1 − C(n−c, k) / C(n, k). Taking "any of the first k correct" instead would waste the other n − k samples.
/// </summary>
public static class PassAtK
{
    /// <summary>The estimate for one question.</summary>
    public static double Estimate(int n, int c, int k)
    {
        if (k < 1) throw new ArgumentException($"pass@k needs k ≥ 1, not {k}");
        if (n < k) throw new ArgumentException($"pass@{k} needs at least {k} samples per question, not {n}");
        if (c < 0 || c > n) throw new ArgumentException($"the correct count must be between 0 and n = {n}, not {c}");
        // Fewer than k wrong samples: every k-subset holds a correct one.
        if (n - c < k) return 1.0;
        // C(n−c, k) / C(n, k) = ∏_{i=n−c+1}^{n} (1 − k/i): c factors in (0, 1], no binomial ever gets large.
        var allWrong = 1.0;
        for (var i = n - c + 1; i <= n; i++) allWrong *= 1.0 - (double)k / i;
        return 1.0 - allWrong;
    }

    /// <summary>The mean estimate over questions, each given as (samples, correct samples).</summary>
    public static double Mean(IReadOnlyCollection<(int Samples, int Correct)> questions, int k)
    {
        if (questions.Count == 0) throw new ArgumentException("pass@k of no questions is undefined");
        return questions.Average(q => Estimate(q.Samples, q.Correct, k));
    }
}
