using Samsara.Judging.Items;
using Samsara.Judging.Prompts;
using Samsara.Judging.Rubric;

namespace Samsara.Judging.Backends;

/// <summary>
/// Judges verifiable principles without a model: each response scores the number of its category's checks it
/// passes, and the higher score wins; equal scores (including a category with no checks) are a tie. The raw text
/// lists every check's result, so a verdict can be audited by reading it.
/// </summary>
public sealed class RubricJudge(RubricSet rubric) : IPairJudge
{
    public string Name => $"rubric:{rubric.Name}";

    public string PromptVersion => rubric.Name;

    public Task<SlotJudgement> JudgeAsync(PairwiseItem item, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var checks = rubric.ChecksFor(item.Category);
        var (first, second) = order == Order.AB ? (item.ResponseA, item.ResponseB) : (item.ResponseB, item.ResponseA);
        var (scoreFirst, auditFirst) = Score(checks, first);
        var (scoreSecond, auditSecond) = Score(checks, second);
        var verdict = scoreFirst == scoreSecond ? SlotVerdict.Tie : scoreFirst > scoreSecond ? SlotVerdict.First : SlotVerdict.Second;
        var raw = checks.Count == 0
            ? $"no verifiable checks for category '{item.Category}'"
            : $"first {scoreFirst}/{checks.Count} [{auditFirst}]; second {scoreSecond}/{checks.Count} [{auditSecond}]";
        return Task.FromResult(new SlotJudgement(verdict, raw));
    }

    private static (int Score, string Audit) Score(IReadOnlyList<IRubricCheck> checks, string response)
    {
        var results = checks.Select(c => (c.Name, Pass: c.Passes(response))).ToList();
        return (results.Count(r => r.Pass), string.Join(", ", results.Select(r => $"{r.Name} {(r.Pass ? "yes" : "no")}")));
    }
}
