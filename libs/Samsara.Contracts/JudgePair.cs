namespace Samsara.Contracts;

/// <summary>
/// Command to the judge: judge one item — model A's and model B's responses to one question — with the named judge
/// under the named protocol. One message per item, so judge replicas compete for items and a killed replica loses
/// only the items it held, which the broker redelivers. <see cref="IRunMessage.EventId"/> is the task's identity.
/// </summary>
/// <remarks>Sent to the judge's queue rather than published, so KEDA can scale judges on its length.</remarks>
public sealed record JudgePair : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The judge, as <c>openai:URL#MODEL</c>, <c>logprob:DIR</c> or <c>rubric[:CHECKS]</c>.</summary>
    public required string Judge { get; init; }

    /// <summary>"both" (both orders, disagreement = tie) or "random" (one order from <see cref="Seed"/> and the item id).</summary>
    public required string Protocol { get; init; }

    /// <summary>The random protocol's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>"principles" (does each response follow the constitution) or "mtbench" (principle-free), for LLM judges.</summary>
    public required string Prompt { get; init; }

    /// <summary>The item's id in the generations files.</summary>
    public required string ItemId { get; init; }

    /// <summary>The item's category (e.g. "math").</summary>
    public required string Category { get; init; }

    /// <summary>The question both models answered.</summary>
    public required string Question { get; init; }

    /// <summary>The constitution the responses were written under; null when there is none.</summary>
    public required string? Constitution { get; init; }

    /// <summary>Model A's name.</summary>
    public required string ModelA { get; init; }

    /// <summary>Model B's name.</summary>
    public required string ModelB { get; init; }

    /// <summary>Model A's response.</summary>
    public required string ResponseA { get; init; }

    /// <summary>Model B's response.</summary>
    public required string ResponseB { get; init; }
}
