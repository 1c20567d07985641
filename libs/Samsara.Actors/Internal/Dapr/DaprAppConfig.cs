namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// The body of <c>GET /dapr/config</c> (reference §1): the hosted actor types and the timeouts daprd applies
/// to them. Reentrancy is always off: turns of an actor never interleave, as the embedded runtime guarantees too.
/// actorScanInterval is left out because daprd no longer reads it.
/// </summary>
internal sealed record DaprAppConfig(
    IReadOnlyList<string> Entities,
    string ActorIdleTimeout,
    string DrainOngoingCallTimeout,
    bool DrainRebalancedActors,
    DaprReentrancyConfig Reentrancy)
{
    public static DaprAppConfig From(ActorRegistry registry, ActorRuntimeOptions options) => new(
        registry.TypeNames.ToList(),
        DaprDuration.Format(options.IdleTimeout),
        DaprDuration.Format(options.DrainOngoingCallTimeout),
        options.DrainRebalancedActors,
        new DaprReentrancyConfig(Enabled: false));
}

internal sealed record DaprReentrancyConfig(bool Enabled);
