using MassTransit;
using Microsoft.Extensions.Options;
using Samsara.Contracts;
using Samsara.Stages.Jobs;

namespace Samsara.Stages.Training;

/// <summary>
/// One model's training (one iteration of one training of the spec) as a background job: <see cref="RunTrainer"/>
/// resumes it from its checkpoint and only announces a finished one, so running it again after a restart is safe.
/// </summary>
public sealed class TrainingJob(RunTrainer trainer, IOptions<TrainerOptions> options) : IStageJob<TrainModel>
{
    /// <inheritdoc />
    public string Kind => "train";

    /// <inheritdoc />
    public PipelineStage Stage => PipelineStage.Training;

    /// <inheritdoc />
    public int MaxConcurrent => options.Value.MaxConcurrentJobs;

    /// <inheritdoc />
    public string KeyOf(TrainModel message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Each model is trained once; the algorithm's name is the workspace's, safe in a file name.
        return $"{Kind}-{message.Algorithm.Name()}-iter{message.Iteration}";
    }

    /// <inheritdoc />
    public TrainModel WithEventId(TrainModel message, Guid eventId) => message with { EventId = eventId };

    /// <inheritdoc />
    public Task RunAsync(TrainModel message, IBus bus, CancellationToken cancellationToken) =>
        trainer.TrainAsync(message, bus, cancellationToken);
}
