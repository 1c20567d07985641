using MassTransit;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A generation shard is written: progress "generate" (or "generate:sami:iter2" for a SAMI iteration) counts the
/// distinct shards done (the actor counts them); the flow filters the round once every shard is in.
/// </summary>
public sealed class GenerationShardCompletedConsumer(RunEventApplier applier) : IConsumer<GenerationShardCompleted>
{
    public Task Consume(ConsumeContext<GenerationShardCompleted> context)
    {
        var m = context.Message;
        var shard = new ShardRecord(RunEvents.Id(m, ""), RunEvents.StageName("generate", m.Iteration), m.ShardIndex, m.ShardCount, "shards", m.OccurredAt);
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(GenerationShardCompleted), [],
            new ArtifactRecord(RunEvents.StageName("generate", m.Iteration), m.ArtifactPath), shard, new ShardGenerated(m.Iteration, m.ShardIndex), context.CancellationToken);
    }
}
