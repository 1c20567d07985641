namespace Samsara.Contracts;

/// <summary>
/// A judge replica judged one <see cref="JudgeJobBatch"/>: the response to the replica that sent it. A batch judged
/// twice (its replica killed after responding, before acknowledging) answers twice; the caller keeps the first.
/// </summary>
public sealed record JudgeJobBatchJudged
{
    public required Guid JobId { get; init; }

    /// <summary>The <see cref="JudgeJobBatch"/>'s <see cref="JudgeJobBatch.EventId"/>.</summary>
    public required Guid EventId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required int Batch { get; init; }

    /// <summary>The batch's judgements in item order, each one judgements line (docs/architecture.md §9) as JSON text.</summary>
    public required IReadOnlyList<string> Judgements { get; init; }

    /// <summary>The judge replica that judged it (its configured instance name).</summary>
    public required string JudgedBy { get; init; }

    /// <summary>Whether the broker had delivered this batch before (to a replica that did not acknowledge it).</summary>
    public required bool Redelivered { get; init; }

    /// <summary>The batch's endpoint usage (<c>openai:</c> judges; zero otherwise): requests, tokens and 429s, judgement-cache hits excluded.</summary>
    public required long Requests { get; init; }

    public required long PromptTokens { get; init; }

    public required long CompletionTokens { get; init; }

    public required long RateLimited { get; init; }
}
