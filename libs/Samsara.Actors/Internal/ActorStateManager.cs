using System.Text.Json;

namespace Samsara.Actors.Internal;

/// <summary>
/// The per-activation state cache behind <see cref="IActorStateManager"/>. Values are kept as JSON bytes,
/// not objects: a value read and then mutated without SetStateAsync is never saved by accident, and what
/// a turn sees is exactly what would be stored. Only one turn uses it at a time (the slot's gate).
/// </summary>
internal sealed class ActorStateManager(ActorKey actor, IActorStateStore store, JsonSerializerOptions json) : IActorStateManager
{
    private readonly Dictionary<string, Entry> cache = new(StringComparer.Ordinal);

    public async Task<ConditionalValue<T>> TryGetStateAsync<T>(string stateName, CancellationToken cancellationToken = default)
    {
        var entry = await LoadAsync(stateName, cancellationToken);
        return entry.Value is null ? default : new(true, JsonSerializer.Deserialize<T>(entry.Value, json)!);
    }

    public async Task<T> GetStateAsync<T>(string stateName, CancellationToken cancellationToken = default)
    {
        var found = await TryGetStateAsync<T>(stateName, cancellationToken);
        return found.HasValue ? found.Value : throw new KeyNotFoundException($"Actor {actor} has no state named {stateName}.");
    }

    public async Task<T> GetOrAddStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        var found = await TryGetStateAsync<T>(stateName, cancellationToken);
        if (found.HasValue)
        {
            return found.Value;
        }

        await SetStateAsync(stateName, value, cancellationToken);
        return value;
    }

    public Task SetStateAsync<T>(string stateName, T value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        cache[stateName] = new Entry(JsonSerializer.SerializeToUtf8Bytes(value, json), Changed: true);
        return Task.CompletedTask;
    }

    public async Task<bool> ContainsStateAsync(string stateName, CancellationToken cancellationToken = default) =>
        (await LoadAsync(stateName, cancellationToken)).Value is not null;

    public async Task RemoveStateAsync(string stateName, CancellationToken cancellationToken = default)
    {
        if (!await TryRemoveStateAsync(stateName, cancellationToken))
        {
            throw new KeyNotFoundException($"Actor {actor} has no state named {stateName}.");
        }
    }

    public async Task<bool> TryRemoveStateAsync(string stateName, CancellationToken cancellationToken = default)
    {
        var entry = await LoadAsync(stateName, cancellationToken);
        if (entry.Value is null)
        {
            return false;
        }

        cache[stateName] = new Entry(null, Changed: true);
        return true;
    }

    /// <summary>What the turn changed, to be committed in one transaction.</summary>
    public IReadOnlyList<StateChange> GetChanges() =>
        cache.Where(e => e.Value.Changed).Select(e => new StateChange(e.Key, e.Value.Value)).ToList();

    /// <summary>After a commit: the cache now matches the store.</summary>
    public void AcceptChanges()
    {
        foreach (var (key, entry) in cache.Where(e => e.Value.Changed).ToList())
        {
            cache[key] = entry with { Changed = false };
        }
    }

    /// <summary>After a failed turn or commit: forget everything, so the next turn reads what is stored.</summary>
    public void Discard() => cache.Clear();

    private async ValueTask<Entry> LoadAsync(string stateName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        if (!cache.TryGetValue(stateName, out var entry))
        {
            entry = new Entry(await store.LoadAsync(actor, stateName, cancellationToken), Changed: false);
            cache[stateName] = entry;
        }

        return entry;
    }

    /// <param name="Value">The JSON value; null when the key has none (absent, or removed in this turn).</param>
    private readonly record struct Entry(byte[]? Value, bool Changed);
}
