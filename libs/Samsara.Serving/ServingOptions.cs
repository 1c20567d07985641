namespace Samsara.Serving;

/// <summary>What `samsara serve` serves and how it batches.</summary>
public sealed record ServingOptions
{
    /// <summary>The name clients put in "model" and /v1/models lists (default: the model directory's name).</summary>
    public required string ModelName { get; init; }

    /// <summary>Sequences decoded together: concurrent requests with the same sampling settings share one batch up to this many.</summary>
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>Choices one request may ask for ("n").</summary>
    public int MaxChoices { get; init; } = 16;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelName)) throw new ArgumentException("the served model needs a name");
        if (MaxBatchSize < 1) throw new ArgumentException($"--max-batch must be at least 1, not {MaxBatchSize}");
        if (MaxChoices < 1) throw new ArgumentException($"max choices must be at least 1, not {MaxChoices}");
    }
}
