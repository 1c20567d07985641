using MassTransit;
using Samsara.Contracts;

namespace Samsara.Stages.Jobs;

/// <summary>
/// A stage's long work for one command (a training): <see cref="StageJobs"/> accepts the command at once and runs this
/// in the background, outside the broker delivery, so no job is bound by RabbitMQ's <c>consumer_timeout</c>.
/// </summary>
/// <typeparam name="TMessage">The command that starts the job.</typeparam>
public interface IStageJob<TMessage>
    where TMessage : class, IRunMessage
{
    /// <summary>What the job does, e.g. <c>train</c>: the start of its records' names and its concurrency slot.</summary>
    string Kind { get; }

    /// <summary>The stage a failure is reported for.</summary>
    PipelineStage Stage { get; }

    /// <summary>How many jobs of this kind one process runs at once; more wait in line, accepted.</summary>
    int MaxConcurrent { get; }

    /// <summary>
    /// The job's identity within its run, one path segment (e.g. <c>train</c>, <c>train-sami-iter2</c>): a second
    /// command with the same key while the job runs starts nothing.
    /// </summary>
    string KeyOf(TMessage message);

    /// <summary>The same command under another event id (the idempotency filter has seen the original's).</summary>
    TMessage WithEventId(TMessage message, Guid eventId);

    /// <summary>
    /// Does the work, publishing progress and completion on <paramref name="bus"/>; it must resume from what an
    /// earlier, interrupted run of it left (checkpoints, markers), since a restarted worker runs it again.
    /// </summary>
    Task RunAsync(TMessage message, IBus bus, CancellationToken cancellationToken);
}
