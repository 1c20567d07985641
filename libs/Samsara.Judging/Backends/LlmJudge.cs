using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Judging.Backends;

/// <summary>An LLM as judge: the prompt of <paramref name="kind"/> to <paramref name="model"/>, its answer parsed by <see cref="VerdictParser"/>.</summary>
public sealed class LlmJudge(IJudgeModel model, PromptKind kind) : IPairJudge
{
    public string Name => model.Name;

    public string PromptVersion => JudgePrompt.VersionOf(kind);

    public PromptKind Kind => kind;

    public async Task<SlotJudgement> JudgeAsync(PairwiseItem item, Order order, CancellationToken cancellationToken)
    {
        var completion = await model.CompleteAsync(JudgePrompt.Build(kind, item, order), cancellationToken).ConfigureAwait(false);
        return new SlotJudgement(VerdictParser.Parse(completion.Text), completion.Text);
    }
}
