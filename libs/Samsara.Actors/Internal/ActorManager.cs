using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal;

/// <summary>
/// Owns the active actors of this process and runs their turns: one at a time per actor id (methods,
/// reminders and timers alike; no reentrancy), activating on first use, committing each turn's state when it
/// returns and discarding it when it throws. Both runtimes use it; daprd serializes calls too, and this gate
/// is the app-side safety net the reference suggests.
/// </summary>
internal sealed class ActorManager(
    ActorRegistry registry,
    IActorStateStore store,
    ActorRuntimeOptions options,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ActorManager> logger)
{
    private readonly ConcurrentDictionary<ActorKey, ActorSlot> slots = new();

    public ActorRegistry Registry => registry;

    public int ActiveCount => slots.Values.Count(s => s.Instance is not null);

    public bool IsActive(ActorKey key) => slots.TryGetValue(key, out var slot) && slot.Instance is not null;

    /// <summary>Runs <paramref name="body"/> as one turn of the actor, activating it first if needed.</summary>
    public async Task<TResult> RunTurnAsync<TResult>(ActorKey key, ActorTurn turn, Func<Actor, Task<TResult>> body, CancellationToken cancellationToken)
    {
        var registration = registry.Get(key.Type);
        while (true)
        {
            var slot = slots.GetOrAdd(key, static (k, state) => new ActorSlot(k, state.registration, state.now), (registration, now: clock.GetUtcNow()));
            await slot.Gate.WaitAsync(cancellationToken);
            try
            {
                if (slot.Deactivated)
                {
                    continue; // deactivated while we queued: start over on a fresh slot
                }

                var actor = slot.Instance ?? await ActivateAsync(slot, cancellationToken);
                return await ExecuteAsync(slot, actor, turn, body);
            }
            finally
            {
                slot.Touch(clock.GetUtcNow());
                slot.Gate.Release();
            }
        }
    }

    /// <summary>Runs a timer callback turn, but only on this very activation: timers never activate an actor.</summary>
    public async Task<bool> RunTimerTurnAsync(ActorSlot slot, ActorTurn turn, Func<Actor, Task> body, CancellationToken cancellationToken)
    {
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            // Cancelled while queued (the timer was unregistered by the turn ahead of us): no tick.
            if (slot.Deactivated || slot.Instance is not { } actor || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            return await ExecuteAsync(slot, actor, turn, async a =>
            {
                await body(a);
                return true;
            });
        }
        finally
        {
            slot.Touch(clock.GetUtcNow()); // timers reset the idle clock, as in Dapr
            slot.Gate.Release();
        }
    }

    /// <returns>Whether an active instance was deactivated (false: it was not active; that is not an error).</returns>
    public async Task<bool> DeactivateAsync(ActorKey key)
    {
        if (!slots.TryGetValue(key, out var slot))
        {
            return false;
        }

        await slot.Gate.WaitAsync();
        try
        {
            return await DeactivateLockedAsync(slot);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Deactivates every actor unused for the idle timeout; busy actors are not idle and are skipped.</summary>
    public async Task<int> DeactivateIdleAsync()
    {
        var deactivated = 0;
        foreach (var slot in slots.Values)
        {
            if (clock.GetUtcNow() - slot.LastUsed < options.IdleTimeout || !slot.Gate.Wait(0))
            {
                continue;
            }

            try
            {
                if (clock.GetUtcNow() - slot.LastUsed >= options.IdleTimeout && await DeactivateLockedAsync(slot))
                {
                    deactivated++;
                }
            }
            finally
            {
                slot.Gate.Release();
            }
        }

        return deactivated;
    }

    /// <summary>Deactivates everything, on shutdown, so OnDeactivateAsync runs for each active actor.</summary>
    public async Task DeactivateAllAsync()
    {
        foreach (var key in slots.Keys)
        {
            await DeactivateAsync(key);
        }
    }

    private async Task<Actor> ActivateAsync(ActorSlot slot, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = new ActorStateManager(slot.Key, store, options.JsonSerializerOptions);
        slot.Host = new ActorHost(slot, state, services, options.JsonSerializerOptions);
        var actor = slot.Registration.Create(services, slot.Host);
        try
        {
            // Activation is a turn of its own, committed before the first call, as in the Dapr SDK: a failing
            // call must not roll back what OnActivateAsync set up for an instance that stays active.
            await ExecuteAsync(slot, actor, new ActorTurn(TurnKind.Activation), async a =>
            {
                await a.ActivateAsync();
                return true;
            });
        }
        catch
        {
            slot.CancelTimers();
            await DisposeAsync(actor);
            throw;
        }

        slot.Instance = actor;
        ActorsLog.Activated(logger, slot.Key.Type, slot.Key.Id);
        return actor;
    }

    private async Task<TResult> ExecuteAsync<TResult>(ActorSlot slot, Actor actor, ActorTurn turn, Func<Actor, Task<TResult>> body)
    {
        var state = slot.Host!.State;
        slot.CurrentTurn = turn;
        try
        {
            TResult result;
            try
            {
                result = await body(actor);
            }
            catch
            {
                state.Discard();
                throw;
            }

            try
            {
                // Not cancellable: once the method has returned, its effects are worth keeping even if the
                // caller has gone away.
                await store.CommitAsync(slot.Key, state.GetChanges(), turn, CancellationToken.None);
                state.AcceptChanges();
            }
            catch
            {
                state.Discard();
                throw;
            }

            return result;
        }
        finally
        {
            slot.CurrentTurn = null;
        }
    }

    private async Task<bool> DeactivateLockedAsync(ActorSlot slot)
    {
        if (slot.Deactivated)
        {
            return false;
        }

        slot.Deactivated = true;
        slot.CancelTimers();
        try
        {
            if (slot.Instance is not { } actor)
            {
                return false;
            }

            slot.CurrentTurn = new ActorTurn(TurnKind.Deactivation);
            try
            {
                await actor.DeactivateAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The instance goes away regardless; its committed state is intact.
                ActorsLog.DeactivationFailed(logger, ex, slot.Key.Type, slot.Key.Id);
            }
            finally
            {
                slot.CurrentTurn = null;
                slot.Host?.State.Discard();
                slot.Instance = null;
                await DisposeAsync(actor);
            }

            ActorsLog.Deactivated(logger, slot.Key.Type, slot.Key.Id);
            return true;
        }
        finally
        {
            // Removed last, while still holding the gate, so no second instance can start before this one is gone.
            slots.TryRemove(new KeyValuePair<ActorKey, ActorSlot>(slot.Key, slot));
        }
    }

    private static async ValueTask DisposeAsync(Actor actor)
    {
        switch (actor)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
