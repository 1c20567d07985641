using Samsara.Api.V1;
using Samsara.Judging.Items;

namespace Samsara.Bench.Judge;

/// <summary>
/// The pairs both sides judge: math, reasoning and coding questions (categories the default rubric has checks for),
/// one answer that shows its steps and one that does not, so every verdict runs the rubric's checks.
/// </summary>
internal static class JudgeWorkload
{
    private static readonly string[] Categories = ["math", "reasoning", "coding"];

    public static IEnumerable<JudgePair> Pairs(int count) => Enumerable.Range(0, count).Select(i => new JudgePair
    {
        Id = $"p{i}",
        Category = Categories[i % Categories.Length],
        Prompt = $"What is {i} + {i}? Explain.",
        Constitution = "1. Show your reasoning step by step.\n2. End with the final answer.",
        ResponseA = $"Step 1: take {i}.\nStep 2: add {i} to it, which gives $ {i} + {i} = {2 * i} $.\n```\nprint({i} + {i})\n```\nFinal answer: {2 * i}",
        ResponseB = $"It is {2 * i}.",
    });

    /// <summary>The same pairs as the judging library takes them.</summary>
    public static PairwiseItem ToItem(JudgePair p) =>
        new(p.Id, p.Category, p.Prompt, p.Constitution, p.ResponseA, p.ResponseB);
}
