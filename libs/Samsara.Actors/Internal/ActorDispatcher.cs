namespace Samsara.Actors.Internal;

/// <summary>
/// Turns protocol-level calls (a method name and JSON body, a reminder, a timer) into actor turns. The Dapr
/// endpoints and the embedded invoker share it, so both runtimes read payloads and run callbacks the same way.
/// </summary>
internal sealed class ActorDispatcher(ActorManager manager, ActorRuntimeOptions options)
{
    /// <exception cref="ActorDispatchException">Unknown type or method, or an unreadable body; nothing ran.</exception>
    public async Task<byte[]> InvokeMethodAsync(ActorKey key, string methodName, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var registration = manager.Registry.Get(key.Type);
        if (!registration.Methods.TryGetValue(methodName, out var method))
        {
            throw new ActorDispatchException(DispatchFailure.UnknownMethod, $"Actor type {key.Type} has no method {methodName}.");
        }

        var payload = method.ReadPayload(body.Span, options.JsonSerializerOptions);
        return await manager.RunTurnAsync(key, new ActorTurn(TurnKind.Method), actor =>
            method.InvokeAsync(actor, payload, options.JsonSerializerOptions, cancellationToken), cancellationToken);
    }

    /// <returns>Whether the actor unregistered this reminder while receiving it.</returns>
    public async Task<bool> ReceiveReminderAsync(ActorKey key, ActorReminder reminder, CancellationToken cancellationToken)
    {
        if (!manager.Registry.Get(key.Type).IsRemindable)
        {
            throw new InvalidOperationException($"Actor type {key.Type} received reminder {reminder.Name} but does not implement IRemindable.");
        }

        var turn = new ActorTurn(TurnKind.Reminder, reminder.Name);
        await manager.RunTurnAsync(key, turn, async actor =>
        {
            await ((IRemindable)actor).ReceiveReminderAsync(reminder.Name, reminder.State, reminder.DueTime, reminder.Period);
            return true;
        }, cancellationToken);
        return turn.CancelCallback;
    }

    /// <summary>A timer delivered by daprd, which only fires timers of active actors (Dapr runtime).</summary>
    /// <returns>Whether the actor unregistered this timer while receiving it.</returns>
    public async Task<bool> ReceiveTimerAsync(ActorKey key, ActorTimer timer, CancellationToken cancellationToken)
    {
        var registration = manager.Registry.Get(key.Type);
        try
        {
            _ = registration.GetTimerCallback(timer.Callback);
        }
        catch (ArgumentException ex)
        {
            throw new ActorDispatchException(DispatchFailure.UnknownMethod, ex.Message);
        }

        var turn = new ActorTurn(TurnKind.Timer, timer.Name);
        await manager.RunTurnAsync(key, turn, async actor =>
        {
            await registration.InvokeTimerCallbackAsync(actor, timer.Callback, timer.State);
            return true;
        }, cancellationToken);
        return turn.CancelCallback;
    }
}
