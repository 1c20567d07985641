namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// Actor state kept by daprd's actor state store. A turn's changes go in one state transaction, sent while
/// the turn still holds the actor, because daprd accepts state writes only for actors it counts as hosted here.
/// </summary>
internal sealed class DaprActorStateStore(DaprSidecarClient sidecar) : IActorStateStore
{
    public Task<byte[]?> LoadAsync(ActorKey actor, string key, CancellationToken cancellationToken) =>
        sidecar.GetStateAsync(actor, key, cancellationToken);

    public Task CommitAsync(ActorKey actor, IReadOnlyList<StateChange> changes, ActorTurn turn, CancellationToken cancellationToken) =>
        changes.Count == 0 ? Task.CompletedTask : sidecar.SaveStateAsync(actor, changes, cancellationToken);
}
