namespace Samsara.Actors.Internal;

/// <summary>Where actor state lives: a SQLite file (embedded) or daprd's actor state API (dapr).</summary>
internal interface IActorStateStore
{
    /// <returns>The stored JSON bytes, or null when the key has no value.</returns>
    Task<byte[]?> LoadAsync(ActorKey actor, string key, CancellationToken cancellationToken);

    /// <summary>Saves all of a turn's changes atomically: all of them, or none.</summary>
    Task CommitAsync(ActorKey actor, IReadOnlyList<StateChange> changes, ActorTurn turn, CancellationToken cancellationToken);
}
