namespace Samsara.Judging;

/// <summary>
/// A chat model that judges: the seam between the judge and whatever serves the model (an OpenAI-compatible
/// endpoint in production). Implementations own transport concerns — concurrency limits, retries with backoff on
/// 429/5xx, token accounting — and must be deterministic where the server allows (temperature 0). A call that
/// cannot be completed throws; an answer that cannot be read is not the model's concern (it becomes a counted parse
/// failure in the judge).
/// </summary>
public interface IJudgeModel
{
    /// <summary>
    /// Identifies the model in judgements and in the cache key (e.g. "openai:http://host/v1#gpt-4o"): two judges
    /// with the same name must give the same answers to the same prompts.
    /// </summary>
    string Name { get; }

    /// <summary>One completion of the conversation <paramref name="messages"/> (temperature 0, up to a few hundred tokens).</summary>
    Task<JudgeCompletion> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken);
}
