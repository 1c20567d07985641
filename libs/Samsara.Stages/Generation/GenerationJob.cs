using MassTransit;
using Microsoft.Extensions.Options;
using Samsara.Contracts;
using Samsara.Stages.Jobs;

namespace Samsara.Stages.Generation;

/// <summary>
/// One shard's generation (of the run's first round, or of an iteration of iterated SAMI) as a background job:
/// <see cref="ShardGenerator"/> resumes a partly written shard after the prompts already in it and only announces a
/// marked one, so running it again after a restart is safe.
/// </summary>
public sealed class GenerationJob(ShardGenerator generator, IOptions<GeneratorServiceOptions> options) : IStageJob<GenerateShard>
{
    /// <inheritdoc />
    public string Kind => "generate";

    /// <inheritdoc />
    public PipelineStage Stage => PipelineStage.Generation;

    /// <inheritdoc />
    public int MaxConcurrent => options.Value.MaxConcurrentJobs;

    /// <inheritdoc />
    public string KeyOf(GenerateShard message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Iteration is not { } iteration) return $"{Kind}-{message.ShardIndex:D4}";
        return $"{Kind}-{iteration.Algorithm.Name()}-iter{iteration.Number}-{message.ShardIndex:D4}";
    }

    /// <inheritdoc />
    public GenerateShard WithEventId(GenerateShard message, Guid eventId) => message with { EventId = eventId };

    /// <inheritdoc />
    public async Task RunAsync(GenerateShard message, IBus bus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (await generator.GenerateAsync(message, cancellationToken).ConfigureAwait(false) is { } completed)
            await bus.Publish(completed, cancellationToken).ConfigureAwait(false);
    }
}
