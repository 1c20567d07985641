using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Judging;

/// <summary>
/// A judge of one presentation of an item: the two responses shown in <paramref name="order"/>, a verdict by
/// position. Protocols (<see cref="PairwiseJudging"/>) decide which orders to show and map positions back to models.
/// </summary>
public interface IPairJudge
{
    /// <summary>The judge's identity in judgements and the cache key ("rubric:…", "logprob:…", the LLM's name).</summary>
    string Name { get; }

    /// <summary>The version of what the judge is asked (a prompt, a rubric, a scoring rule), recorded with every judgement.</summary>
    string PromptVersion { get; }

    Task<SlotJudgement> JudgeAsync(PairwiseItem item, Order order, CancellationToken cancellationToken);
}
