using Dapr.Actors.Runtime;

namespace Samsara.Gateway.Actors;

/// <summary>
/// The run index. Positions are indexes into the creation-ordered list, which only grows, so a page token (a
/// position) stays valid while runs are added.
/// </summary>
public sealed class RunIndexActor(ActorHost host) : Actor(host), IRunIndexActor
{
    public const string TypeName = nameof(RunIndexActor);
    public const string SingletonId = "all";
    private const string StateKey = "index";

    public async Task<string> ReserveAsync(RunReservation reservation)
    {
        var index = await StateManager.GetOrAddStateAsync(StateKey, new RunIndexState());
        var key = reservation.IdempotencyKey.Length > 0 ? $"{reservation.Owner}\n{reservation.IdempotencyKey}" : null;
        if (key is not null && index.IdempotencyKeys.TryGetValue(key, out var existing)) return existing;
        index.Entries.Add(new RunIndexEntry(reservation.RunId, reservation.Owner));
        if (key is not null) index.IdempotencyKeys[key] = reservation.RunId;
        await StateManager.SetStateAsync(StateKey, index);
        return reservation.RunId;
    }

    public async Task<RunIdPage> ListAsync(RunPageQuery query)
    {
        var index = await StateManager.GetOrAddStateAsync(StateKey, new RunIndexState());
        var ids = new List<string>();
        var position = Math.Max(0, query.Offset);
        for (; position < index.Entries.Count && ids.Count < query.Count; position++)
            if (query.Owner is null || index.Entries[position].Owner == query.Owner) ids.Add(index.Entries[position].RunId);
        // Skip to the owner's next entry, so "more" means more of the caller's runs, not merely more runs.
        while (position < index.Entries.Count && query.Owner is not null && index.Entries[position].Owner != query.Owner) position++;
        return new RunIdPage(ids, position < index.Entries.Count ? position : -1);
    }
}

/// <summary>The index's persisted state: entries in creation order, and "owner\nkey" → run id.</summary>
public sealed class RunIndexState
{
    public List<RunIndexEntry> Entries { get; set; } = [];

    public Dictionary<string, string> IdempotencyKeys { get; set; } = [];
}

public sealed record RunIndexEntry(string RunId, string Owner);
