using Samsara.Alignment.Metrics;

namespace Samsara.Judging;

/// <summary>
/// One line of a judgements file (docs/architecture.md §9): the item, the two models, the verdict from model A's side, the
/// order(s) shown ("AB", "BA" or "both"), what the judge said, and how: the judge, the prompt version and the
/// protocol. <see cref="Calls"/> holds each call's verdict already mapped to models ("A", "B", "tie" or "unparsed");
/// <see cref="ParseFailures"/> counts the calls whose answer held no verdict (each counted as a tie);
/// <see cref="Inconsistent"/> marks a both-orders item whose two calls disagreed (counted as a tie).
/// </summary>
public sealed record JudgementRecord(
    string Id,
    string Category,
    string ModelA,
    string ModelB,
    Verdict Verdict,
    string Order,
    IReadOnlyList<JudgementCall> Calls,
    string Judge,
    string PromptVersion,
    JudgeProtocol Protocol)
{
    public int ParseFailures => Calls.Count(c => c.Verdict == CallVerdict.Unparsed);

    public bool Inconsistent => Calls.Count == 2 && Calls[0].Verdict != Calls[1].Verdict;
}

/// <summary>One judge call of an item: the order shown, its verdict mapped to models, the judge's text, and whether it came from the cache.</summary>
public sealed record JudgementCall(Prompts.Order Order, CallVerdict Verdict, string Raw, bool Cached);

/// <summary>A call's verdict in model terms; <see cref="Unparsed"/> is scored as a tie.</summary>
public enum CallVerdict
{
    A,
    B,
    Tie,
    Unparsed,
}
