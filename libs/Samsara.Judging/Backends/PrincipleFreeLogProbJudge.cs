using Samsara.Alignment.Constitutions;
using Samsara.Engine;

namespace Samsara.Judging.Backends;

/// <summary>
/// A principle-free judge with no judge model: which response a local model (the run's teacher) finds the more
/// plausible answer to the question, whichever principles it follows. For a response y to question q in category
/// k, with c₁…c₄ the category's four constitutions ({strong, antithesis}², canonical order):
/// <code>f(y) = log ¼ Σᵢ exp(mean log π(y | P(cᵢ, q)))</code>
/// — the response's mean token log-prob with the constitution marginalised out, so following a principle or its
/// antithesis does not by itself raise the score, while a malformed, wrong or off-task answer lowers it. The larger
/// f wins (see <see cref="LogProbPairJudge"/>).
/// </summary>
public sealed class PrincipleFreeLogProbJudge(LanguageModel model, PrincipleSet principles, string modelName, double tieMargin = 0, int batchSize = 4, bool ownsModel = false)
    : LogProbPairJudge(model, principles, $"logprob-free:{modelName}", tieMargin, batchSize, ownsModel)
{
    public const string Version = "samsara-logprob-free-v1";

    public override string PromptVersion => Version;

    /// <summary>The category's four constitutions, each principle strong or antithesis, in canonical order.</summary>
    public IReadOnlyList<string> Constitutions(string category)
    {
        var members = Principles.ForCategory(category);
        if (members.Count == 0) return [];
        return [.. Enumerable.Range(0, 1 << members.Count).Select(mask =>
            Constitution.Number(members.Select((p, i) => (mask & (1 << i)) == 0 ? p.Strong : p.Antithesis)))];
    }

    protected override IReadOnlyList<string> ScoringConstitutions(string category) => Constitutions(category);

    // log-mean-exp, shifted by the largest mean so that no exp underflows.
    protected override double Combine(IReadOnlyList<double> means)
    {
        var max = means.Max();
        return max + Math.Log(means.Average(m => Math.Exp(m - max)));
    }

    protected override string Explain(double first, double second) =>
        Scores("f", first, second, "mean log-prob with the constitution marginalised out");
}
