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
/// What the log-prob judges share: a local model scores each response under the constitutions a judge names (the
/// training prompt, <see cref="TrainingPrompt"/>; mean log-prob over the response's tokens and EOS), the judge folds
/// those means into one score, and the larger score wins; |difference| ≤ <c>tieMargin</c> is a tie. A response is
/// scored once (both orders of an item and repeated responses share it), so the verdict does not depend on the
/// order shown. With <c>ownsModel</c> the judge disposes the model.
/// </summary>
public abstract class LogProbPairJudge(LanguageModel model, PrincipleSet principles, string name, double tieMargin, int batchSize, bool ownsModel)
    : IPairJudge, IDisposable
{
    private readonly LogProbScorer scorer = new(model);
    private readonly SemaphoreSlim gate = new(1, 1);   // one forward pass at a time: the model is not thread-safe
    private readonly ConcurrentDictionary<(string Category, string Question, string Response), double> scores = new();

    public string Name { get; } = name;

    public abstract string PromptVersion { get; }

    protected PrincipleSet Principles => principles;

    /// <summary>The constitutions a response to a question of <paramref name="category"/> is scored under.</summary>
    protected abstract IReadOnlyList<string> ScoringConstitutions(string category);

    /// <summary>The response's score from its mean log-probs, one per <see cref="ScoringConstitutions"/> entry.</summary>
    protected abstract double Combine(IReadOnlyList<double> means);

    /// <summary>The judgement's explanation, given the first and second response's scores.</summary>
    protected abstract string Explain(double first, double second);

    public async Task<SlotJudgement> JudgeAsync(PairwiseItem item, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var a = await ScoreAsync(item, item.ResponseA, "A", cancellationToken).ConfigureAwait(false);
        var b = await ScoreAsync(item, item.ResponseB, "B", cancellationToken).ConfigureAwait(false);
        var (first, second) = order == Order.AB ? (a, b) : (b, a);
        var verdict = Math.Abs(first - second) <= tieMargin ? SlotVerdict.Tie : first > second ? SlotVerdict.First : SlotVerdict.Second;
        return new SlotJudgement(verdict, Explain(first, second));
    }

    /// <summary>One response's score, memoized.</summary>
    public async Task<double> ScoreAsync(PairwiseItem item, string response, string side, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = (item.Category.ToLowerInvariant(), item.Question, response);
        if (scores.TryGetValue(key, out var known)) return known;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (scores.TryGetValue(key, out known)) return known;
            var constitutions = ScoringConstitutions(item.Category);
            if (constitutions.Count == 0) throw new ArgumentException($"item '{item.Id}': category '{item.Category}' has no principles in {principles.Source}");
            var pairs = constitutions.Select(c => (TrainingPrompt.Format(c, item.Question), response)).ToList();
            var labels = constitutions.Select((_, i) => $"item '{item.Id}' response {side} under constitution {i + 1}").ToList();
            var logProbs = await Task.Run(() => scorer.ScoreAll(pairs, batchSize, labels: labels), cancellationToken).ConfigureAwait(false);
            var score = Combine([.. logProbs.Select(l => l.Mean)]);
            scores[key] = score;
            return score;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Formats a pair of scores for <see cref="Explain"/>.</summary>
    protected static string Scores(string symbol, double first, double second, string meaning) =>
        string.Create(CultureInfo.InvariantCulture, $"{symbol}(first) = {first:R}, {symbol}(second) = {second:R} ({meaning})");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        gate.Dispose();
        if (ownsModel) model.Dispose();
    }
}
