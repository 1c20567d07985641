using Samsara.Gateway.Flow;

namespace Samsara.Gateway.Actors;

/// <summary>
/// What a RunActor persists: the <see cref="Samsara.Api.Runs.RunHistory"/> in protobuf form plus the owner, the
/// shards seen and where the run's flow stands. Kept apart from the actor's behaviour, as MassTransit keeps saga state apart from the state machine.
/// </summary>
public sealed class RunActorState
{
    public string Owner { get; set; } = "";

    /// <summary>The serialized Run snapshot.</summary>
    public byte[] Run { get; set; } = [];

    /// <summary>Every applied RunEvent, serialized, oldest first.</summary>
    public List<byte[]> Events { get; set; } = [];

    /// <summary>Distinct finished shards per stage ("generate" → {0, 3}), so a redelivered shard is not counted twice.</summary>
    public Dictionary<string, HashSet<int>> Shards { get; set; } = [];

    /// <summary>Where the run's flow stands: the step in progress and when it was last heard from.</summary>
    public RunFlowState Flow { get; set; } = new();
}
