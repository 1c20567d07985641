using Samsara.Engine.Generation;

namespace Samsara.Serving.Internal;

/// <summary>
/// One request's work for the engine: its prompts (already laid out as text), N choices each, its sampling, and
/// whether to return log-probs. Completed with one result per choice, prompt-major (choice index = prompt·N + j).
/// </summary>
internal sealed class EngineJob(IReadOnlyList<string> prompts, IReadOnlyList<int> promptTokens, int n, GenerationOptions options, int? topLogProbs)
{
    public IReadOnlyList<string> Prompts { get; } = prompts;
    public IReadOnlyList<int> PromptTokens { get; } = promptTokens;
    public int N { get; } = n;
    public GenerationOptions Options { get; } = options;
    /// <summary>Null: no log-probs; k: each token's log-prob and the k most likely alternatives.</summary>
    public int? TopLogProbs { get; } = topLogProbs;
    public int Sequences => Prompts.Count * N;
    public TaskCompletionSource<IReadOnlyList<ChoiceResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Jobs that may share one engine batch: same sampling settings. A seeded job runs alone, so the same seed
    /// gives the same text however many other requests are in flight.
    /// </summary>
    public string? BatchKey => Options.Seed is not null ? null
        : FormattableString.Invariant($"{Options.MaxNewTokens}|{Options.Temperature:R}|{Options.TopP:R}|{Options.TopK}|{Options.IgnoreEos}|{string.Join("\u0000", Options.Stop)}");
}

/// <summary>One generated choice: the completion, its prompt's token count, and log-probs when asked for.</summary>
internal sealed record ChoiceResult(Completion Completion, int PromptTokens, IReadOnlyList<TokenLogProb>? LogProbs)
{
    /// <summary>Generated tokens, EOS included when the model ended the answer (as vLLM counts them).</summary>
    public int CompletionTokens => Completion.TokenIds.Count + (Completion.FinishReason == FinishReason.Eos ? 1 : 0);
}

/// <summary>A generated token, its log-prob under the model (before temperature), and the most likely alternatives.</summary>
internal sealed record TokenLogProb(int Id, string Token, double LogProb, IReadOnlyList<(string Token, double LogProb)> Top);
