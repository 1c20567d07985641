using Samsara.Api.V1;

namespace Samsara.Stages.Plan;

/// <summary>
/// How the models are evaluated: pass@k from <see cref="Samples"/> samples per question (default 1, k = [1]) at
/// <see cref="Temperature"/> (default 0), answers of at most 500 new tokens (fewer when generation is capped lower),
/// the judges named (none by default) under the "both orders" protocol by default; accuracy questions from
/// <see cref="AccuracyPrompts"/> when given, else from the eval prompts.
/// </summary>
public sealed record EvaluationPlan(
    int Samples,
    IReadOnlyList<int> Ks,
    double Temperature,
    int MaxNewTokens,
    IReadOnlyList<string> Judges,
    string Protocol,
    PromptsPlan? AccuracyPrompts)
{
    /// <summary>The papers' answer length; a small model's answers are as short as its generations.</summary>
    public const int MaxAnswerTokens = 500;

    public const string DefaultProtocol = "both";

    public static EvaluationPlan Of(EvaluationSpec e, GenerationSettings generation) => new(
        e.Samples > 0 ? (int)e.Samples : 1,
        e.K.Count > 0 ? e.K.Select(k => (int)k).ToArray() : [1],
        e.Temperature,
        Math.Min(MaxAnswerTokens, generation.MaxNewTokens > 0 ? (int)generation.MaxNewTokens : MaxAnswerTokens),
        e.Judges.ToArray(),
        e.Protocol.Length == 0 ? DefaultProtocol : e.Protocol,
        e.AccuracyPrompts is { Path.Length: > 0 } a ? PromptsPlan.Of(a) : null);
}
