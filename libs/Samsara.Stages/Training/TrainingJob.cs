using MassTransit;
using Microsoft.Extensions.Options;
using Samsara.Contracts;
using Samsara.Stages.Jobs;

namespace Samsara.Stages.Training;

/// <summary>
/// A filtered run's training (or one SAMI iteration of it) as a background job: <see cref="RunTrainer"/> resumes each
/// training from its checkpoint and only announces a finished one, so running it again after a restart is safe.
/// </summary>
public sealed class TrainingJob(RunTrainer trainer, IOptions<TrainerOptions> options) : IStageJob<FilteringCompleted>
{
    /// <inheritdoc />
    public string Kind => "train";

    /// <inheritdoc />
    public PipelineStage Stage => PipelineStage.Training;

    /// <inheritdoc />
    public int MaxConcurrent => options.Value.MaxConcurrentJobs;

    /// <inheritdoc />
    public string KeyOf(FilteringCompleted message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The run's first round, or one iteration of one iterated training: each is trained once. The algorithm comes
        // from a message and names a file: only its letters and digits are kept.
        return message.Iteration is { } iteration
            ? $"{Kind}-{new string([.. iteration.Algorithm.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant()}-iter{iteration.Number}"
            : Kind;
    }

    /// <inheritdoc />
    public FilteringCompleted WithEventId(FilteringCompleted message, Guid eventId) => message with { EventId = eventId };

    /// <inheritdoc />
    public Task RunAsync(FilteringCompleted message, IBus bus, CancellationToken cancellationToken) =>
        trainer.TrainAsync(message, bus, bus, cancellationToken);
}
