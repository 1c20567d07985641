using Samsara.Alignment.Metrics;
using Samsara.Judging.Caching;
using Samsara.Judging.Internal;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Judging;

/// <summary>
/// Judges items under a protocol (docs/architecture.md §11), through the cache:
/// <list type="bullet">
/// <item><b>both</b>: the item is shown AB and BA; the verdict stands when the two calls agree and is a tie when they
/// do not (MT-Bench: an inconsistent pair is a tie for both models);</item>
/// <item><b>random</b>: one order per item drawn from (seed, id) (the papers, seed 1 there).</item>
/// </list>
/// A call whose answer holds no verdict counts as a tie and is kept as "unparsed" so reports can count it apart.
/// </summary>
public sealed class PairwiseJudging(IPairJudge judge, JudgeProtocol protocol, ulong seed, IJudgementCache? cache = null)
{
    private readonly IJudgementCache cache = cache ?? NoJudgementCache.Instance;

    public IPairJudge Judge { get; } = judge;

    public JudgeProtocol Protocol { get; } = protocol;

    public ulong Seed { get; } = seed;

    /// <summary>The orders an item is shown in under this protocol.</summary>
    public IReadOnlyList<Order> OrdersOf(string itemId) => Protocol == JudgeProtocol.Both ? [Order.AB, Order.BA] : [RandomOrder.For(Seed, itemId)];

    /// <summary>Judges every item, <paramref name="concurrency"/> at a time; the records come back in item order.</summary>
    public async Task<IReadOnlyList<JudgementRecord>> RunAsync(IReadOnlyList<PairwiseItem> items, string modelA, string modelB, int concurrency = 1,
        Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (concurrency < 1) throw new ArgumentException($"concurrency must be at least 1, not {concurrency}");
        var results = new JudgementRecord[items.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                results[i] = await JudgeItemAsync(items[i], modelA, modelB, ct).ConfigureAwait(false);
                progress?.Invoke(Interlocked.Increment(ref done), items.Count);
            }).ConfigureAwait(false);
        return results;
    }

    /// <summary>One item under the protocol.</summary>
    public async Task<JudgementRecord> JudgeItemAsync(PairwiseItem item, string modelA, string modelB, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var calls = new List<JudgementCall>();
        foreach (var order in OrdersOf(item.Id))
            calls.Add(await CallAsync(item, order, cancellationToken).ConfigureAwait(false));
        return new JudgementRecord(item.Id, item.Category, modelA, modelB, Combine(calls),
            Protocol == JudgeProtocol.Both ? "both" : calls[0].Order.ToString(), calls, Judge.Name, Judge.PromptVersion, Protocol);
    }

    /// <summary>The item's verdict from its calls: a call's tie or parse failure scores as a tie, and disagreeing calls make a tie.</summary>
    public static Verdict Combine(IReadOnlyList<JudgementCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count == 0) throw new ArgumentException("an item needs at least one judge call");
        var first = calls[0].Verdict;
        if (calls.Any(c => c.Verdict != first)) return Verdict.Tie;
        return first switch
        {
            CallVerdict.A => Verdict.A,
            CallVerdict.B => Verdict.B,
            _ => Verdict.Tie,
        };
    }

    /// <summary>A position verdict in model terms: "first" under AB is model A, under BA model B.</summary>
    public static CallVerdict ToModels(SlotVerdict verdict, Order order) => verdict switch
    {
        SlotVerdict.First => order == Order.AB ? CallVerdict.A : CallVerdict.B,
        SlotVerdict.Second => order == Order.AB ? CallVerdict.B : CallVerdict.A,
        SlotVerdict.Tie => CallVerdict.Tie,
        _ => CallVerdict.Unparsed,
    };

    private async Task<JudgementCall> CallAsync(PairwiseItem item, Order order, CancellationToken cancellationToken)
    {
        var key = JudgementKey.For(Judge, item, order);
        if (await cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
            return new JudgementCall(order, ToModels(cached.Verdict, order), cached.Raw, Cached: true);
        var fresh = await Judge.JudgeAsync(item, order, cancellationToken).ConfigureAwait(false);
        await cache.PutAsync(key, fresh, cancellationToken).ConfigureAwait(false);
        return new JudgementCall(order, ToModels(fresh.Verdict, order), fresh.Raw, Cached: false);
    }
}
