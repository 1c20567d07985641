namespace Samsara.Actors;

/// <summary>
/// An actor's key/value state (Dapr's <c>IActorStateManager</c>). Values are JSON. Reads go through a
/// per-activation cache; writes stay in the cache until the turn returns, when every change of the turn is
/// saved in one transaction. A turn that throws saves nothing and the cache is dropped, so the next turn
/// sees exactly what was last committed.
/// </summary>
public interface IActorStateManager
{
    Task<ConditionalValue<T>> TryGetStateAsync<T>(string stateName, CancellationToken cancellationToken = default);

    /// <exception cref="KeyNotFoundException">No state is stored under <paramref name="stateName"/>.</exception>
    Task<T> GetStateAsync<T>(string stateName, CancellationToken cancellationToken = default);

    /// <summary>Returns the stored value, or stores and returns <paramref name="value"/> when there is none.</summary>
    Task<T> GetOrAddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default);

    Task SetStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default);

    Task<bool> ContainsStateAsync(string stateName, CancellationToken cancellationToken = default);

    /// <exception cref="KeyNotFoundException">No state is stored under <paramref name="stateName"/>.</exception>
    Task RemoveStateAsync(string stateName, CancellationToken cancellationToken = default);

    /// <returns>Whether there was state to remove.</returns>
    Task<bool> TryRemoveStateAsync(string stateName, CancellationToken cancellationToken = default);
}
