using Samsara.Alignment;
using Samsara.Alignment.Constitutions;
using Samsara.Engine;

namespace Samsara.Judging.Backends;

/// <summary>
/// A judge with no judge model: a local language model says which response is more characteristic of the
/// constitution than of its antithesis. For a response y to question q in category k, with c⁺ the category's
/// principles in their strong wording and c⁻ the same principles in their antithesis wording (canonical order,
/// "1. …\n2. …"), and P(c, q) the training prompt (<see cref="TrainingPrompt"/>):
/// <code>s(y) = mean log π(y | P(c⁺, q)) − mean log π(y | P(c⁻, q))</code>
/// (means over y's tokens and EOS, as SAMI's matrix scores them). The response with the larger s wins (see
/// <see cref="LogProbPairJudge"/>). s is a pointwise estimate of how much the constitution, rather than its
/// opposite, explains the response — the quantity SAMI raises — so the judge needs no labels and no API, and the
/// response's own likelihood (length, fluency) cancels in the difference.
/// </summary>
public sealed class LogProbJudge(LanguageModel model, PrincipleSet principles, string modelName, double tieMargin = 0, int batchSize = 4, bool ownsModel = false)
    : LogProbPairJudge(model, principles, $"logprob:{modelName}", tieMargin, batchSize, ownsModel)
{
    public const string Version = "samsara-logprob-v1";

    public override string PromptVersion => Version;

    /// <summary>(c⁺, c⁻) for <paramref name="category"/>.</summary>
    public (string Positive, string Antithesis) Constitutions(string category)
    {
        var members = Principles.ForCategory(category);
        return (Constitution.Number(members.Select(p => p.Strong)), Constitution.Number(members.Select(p => p.Antithesis)));
    }

    protected override IReadOnlyList<string> ScoringConstitutions(string category)
    {
        if (Principles.ForCategory(category).Count == 0) return [];
        var (positive, antithesis) = Constitutions(category);
        return [positive, antithesis];
    }

    protected override double Combine(IReadOnlyList<double> means) => means[0] - means[1];

    protected override string Explain(double first, double second) =>
        Scores("s", first, second, "mean log-prob under the constitution minus under its antithesis");
}
