namespace Samsara.Contracts;

/// <summary>One item of a <see cref="JudgeJobBatch"/>: model A's and model B's responses to one question.</summary>
public sealed record JudgeJobItem
{
    /// <summary>The item's id, unique within its job.</summary>
    public required string Id { get; init; }

    public required string Category { get; init; }

    /// <summary>The question both models answered.</summary>
    public required string Question { get; init; }

    /// <summary>The constitution the responses were written under; null when there is none.</summary>
    public required string? Constitution { get; init; }

    public required string ResponseA { get; init; }

    public required string ResponseB { get; init; }
}
