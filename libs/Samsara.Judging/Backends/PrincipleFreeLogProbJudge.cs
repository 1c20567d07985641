using System.Collections.Concurrent;
using System.Globalization;
using Samsara.Alignment;
using Samsara.Alignment.Constitutions;
using Samsara.Engine;
using Samsara.Engine.Scoring;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Judging.Backends;

/// <summary>
/// A principle-free judge with no judge model: which response a local model (the run's teacher) finds the more
/// plausible answer to the question, whichever principles it follows. For a response y to question q in category
/// k, with c₁…c₄ the category's four constitutions ({strong, antithesis}², canonical order):
/// <code>f(y) = log ¼ Σᵢ exp(mean log π(y | P(cᵢ, q)))</code>
/// — the response's mean token log-prob with the constitution marginalised out, so following a principle or its
/// antithesis does not by itself raise the score, while a malformed, wrong or off-task answer lowers it. The larger
/// f wins; |f_A − f_B| ≤ <paramref name="tieMargin"/> is a tie. Like <see cref="LogProbJudge"/> the verdict does not
/// depend on the order shown. With <paramref name="ownsModel"/> the judge disposes the model.
/// </summary>
public sealed class PrincipleFreeLogProbJudge(LanguageModel model, PrincipleSet principles, string modelName, double tieMargin = 0, int batchSize = 4, bool ownsModel = false)
    : IPairJudge, IDisposable
{
    public const string Version = "samsara-logprob-free-v1";

    private readonly LogProbScorer scorer = new(model);
    private readonly SemaphoreSlim gate = new(1, 1);   // one forward pass at a time: the model is not thread-safe
    private readonly ConcurrentDictionary<(string Category, string Question, string Response), double> scores = new();

    public string Name { get; } = $"logprob-free:{modelName}";

    public string PromptVersion => Version;

    public void Dispose()
    {
        gate.Dispose();
        if (ownsModel) model.Dispose();
    }

    /// <summary>The category's four constitutions, each principle strong or antithesis, in canonical order.</summary>
    public IReadOnlyList<string> Constitutions(string category)
    {
        var members = principles.ForCategory(category);
        return [.. Enumerable.Range(0, 1 << members.Count).Select(mask =>
            Constitution.Number(members.Select((p, i) => (mask & (1 << i)) == 0 ? p.Strong : p.Antithesis)))];
    }

    public async Task<SlotJudgement> JudgeAsync(PairwiseItem item, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var fA = await ScoreAsync(item, item.ResponseA, "A", cancellationToken).ConfigureAwait(false);
        var fB = await ScoreAsync(item, item.ResponseB, "B", cancellationToken).ConfigureAwait(false);
        var (first, second) = order == Order.AB ? (fA, fB) : (fB, fA);
        var verdict = Math.Abs(first - second) <= tieMargin ? SlotVerdict.Tie : first > second ? SlotVerdict.First : SlotVerdict.Second;
        return new SlotJudgement(verdict, string.Create(CultureInfo.InvariantCulture,
            $"f(first) = {first:R}, f(second) = {second:R} (mean log-prob with the constitution marginalised out)"));
    }

    /// <summary>f(y) for one response, memoized: both orders of an item and repeated responses cost one scoring.</summary>
    public async Task<double> ScoreAsync(PairwiseItem item, string response, string side, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = (item.Category.ToLowerInvariant(), item.Question, response);
        if (scores.TryGetValue(key, out var known)) return known;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (scores.TryGetValue(key, out known)) return known;
            var constitutions = Constitutions(item.Category);
            if (constitutions.Count == 0) throw new ArgumentException($"item '{item.Id}': category '{item.Category}' has no principles in {principles.Source}");
            var pairs = constitutions.Select(c => (TrainingPrompt.Format(c, item.Question), response)).ToList();
            var labels = constitutions.Select((_, i) => $"item '{item.Id}' response {side} under constitution {i + 1}").ToList();
            var means = await Task.Run(() => scorer.ScoreAll(pairs, batchSize, labels: labels), cancellationToken).ConfigureAwait(false);
            var max = means.Max(m => m.Mean);
            var f = max + Math.Log(means.Average(m => Math.Exp(m.Mean - max)));
            scores[key] = f;
            return f;
        }
        finally
        {
            gate.Release();
        }
    }
}
