using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Contracts;
using StepMetrics = Samsara.Alignment.Training.StepMetrics;

namespace Samsara.Stages.Training;

/// <summary>
/// What this trainer is training, for TrainerService: <see cref="RunTrainer"/> reports each job's start, steps and
/// end; watchers get every step from when they subscribe. A slow watcher loses its oldest steps rather than holding
/// up training.
/// </summary>
public sealed class TrainingMonitor(TimeProvider clock)
{
    private const int WatcherBuffer = 256;
    private readonly Lock gate = new();
    private readonly List<Channel<TrainingStepMetrics>> watchers = [];
    private Api.V1.Training current = new();

    /// <summary>The job in progress (a copy), or an inactive one.</summary>
    public Api.V1.Training Current
    {
        get
        {
            lock (gate) return current.Clone();
        }
    }

    public void Started(Guid runId, TrainingAlgorithm algorithm, int iteration)
    {
        lock (gate)
            current = new Api.V1.Training
            {
                Active = true, RunId = runId.ToString("D"), Algorithm = algorithm.ToProto(), Iteration = (uint)iteration,
                StartedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
            };
    }

    public void Step(Guid runId, TrainingAlgorithm algorithm, int iteration, StepMetrics m)
    {
        var step = new TrainingStepMetrics
        {
            RunId = runId.ToString("D"), Algorithm = algorithm.ToProto(), Iteration = (uint)iteration,
            Step = (uint)m.Step, TotalSteps = (uint)m.TotalSteps, Loss = m.Loss,
            MiBound = m.Extra.TryGetValue("mi_lower_bound", out var mi) ? mi : 0,
            TokensPerSecond = m.TokensPerSecond, LearningRate = m.LearningRate, GradNorm = m.GradNorm,
            At = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
        };
        lock (gate)
        {
            if (current.RunId == step.RunId && current.Algorithm == algorithm.ToProto()) current.LastStep = step;
            foreach (var watcher in watchers) watcher.Writer.TryWrite(step);
        }
    }

    public void Finished(Guid runId, TrainingAlgorithm algorithm)
    {
        lock (gate)
            if (current.RunId == runId.ToString("D") && current.Algorithm == algorithm.ToProto()) current = new Api.V1.Training();
    }

    /// <summary>Steps from now on, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<TrainingStepMetrics> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<TrainingStepMetrics>(new BoundedChannelOptions(WatcherBuffer) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate) watchers.Add(channel);
        try
        {
            await foreach (var step in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return step;
        }
        finally
        {
            lock (gate) watchers.Remove(channel);
        }
    }
}
