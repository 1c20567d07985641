using Google.Protobuf.WellKnownTypes;
using MassTransit;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>A training step: its loss and metrics (Run.metrics "train:{algo}/…") and progress "train:{algo}" ("train:{algo}:iter{i}" for a later SAMI iteration).</summary>
public sealed class TrainingProgressConsumer(RunEventApplier applier) : IConsumer<TrainingProgress>
{
    public Task Consume(ConsumeContext<TrainingProgress> context)
    {
        var m = context.Message;
        var step = new TrainingStep { Algorithm = m.Algorithm.ToProto(), Step = (uint)m.Step, TotalSteps = (uint)m.TotalSteps, Loss = m.Loss };
        step.Metrics.Add(m.Metrics.Select(kv => new Metric { Name = kv.Key, Value = kv.Value }));
        var trained = new RunEvent { RunId = m.RunId.ToString("D"), EventId = RunEvents.Id(m, ""), At = Timestamp.FromDateTimeOffset(m.OccurredAt), TrainingStep = step };
        var stage = RunEvents.TrainingStageName(m.Algorithm, m.Iteration);
        return applier.ApplyAsync(m, new StageProgressed(), trained, RunEvents.Progress(m, stage, m.Step, m.TotalSteps, "steps", "progress"));
    }
}
