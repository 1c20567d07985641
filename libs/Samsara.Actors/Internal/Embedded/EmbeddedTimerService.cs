using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// Timers in the embedded runtime: a loop per timer, in memory, tied to one activation. Each tick is a turn
/// on that activation only (a tick never activates an actor), and the next tick is counted from the end of
/// the previous one, so a slow callback never piles up ticks.
/// </summary>
internal sealed class EmbeddedTimerService(ActorManager manager, TimeProvider clock, ILogger<EmbeddedTimerService> logger) : IActorTimerService
{
    public Task RegisterAsync(ActorHost host, ActorTimer timer, CancellationToken cancellationToken)
    {
        var slot = host.Slot;
        var stop = new CancellationTokenSource();
        slot.Timers.AddOrUpdate(timer.Name, stop, (_, previous) =>
        {
            previous.Cancel();
            return stop;
        });
        _ = RunAsync(slot, timer, stop);
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(ActorHost host, string timerName, CancellationToken cancellationToken)
    {
        if (host.Slot.Timers.TryRemove(timerName, out var stop))
        {
            stop.Cancel();
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync(ActorSlot slot, ActorTimer timer, CancellationTokenSource stop)
    {
        var token = stop.Token;
        var delay = timer.DueTime;
        try
        {
            while (true)
            {
                await Task.Delay(delay, clock, token);
                try
                {
                    var turn = new ActorTurn(TurnKind.Timer, timer.Name);
                    if (!await manager.RunTimerTurnAsync(slot, turn, actor => slot.Registration.InvokeTimerCallbackAsync(actor, timer.Callback, timer.State), token))
                    {
                        return; // the activation is gone
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failing callback does not stop its timer, as in Dapr; the turn wrote nothing.
                    ActorsLog.TimerFailed(logger, ex, timer.Name, slot.Key.Type, slot.Key.Id);
                }

                if (timer.Period == Timeout.InfiniteTimeSpan)
                {
                    slot.Timers.TryRemove(new KeyValuePair<string, CancellationTokenSource>(timer.Name, stop));
                    return;
                }

                delay = timer.Period;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // unregistered, replaced or deactivated
        }
    }
}
