using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// Delivers the embedded runtime's reminders. The SQLite table is the only schedule: on start, anything that
/// came due while the process was down fires at once. A delivery is a turn of the actor that also moves the
/// reminder to its next due time in the same transaction, so a reminder is delivered once per beat even
/// across crashes; a delivery whose callback throws is retried after Embedded:ReminderRetryInterval.
/// </summary>
internal sealed class ReminderScheduler(
    SqliteReminderTable reminders,
    ActorManager manager,
    ReminderWakeup wakeup,
    ActorRuntimeOptions options,
    TimeProvider clock,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    private const int BatchSize = 256;

    // Without changes to wake it, look again after this long anyway (a clock that jumped, a missed signal).
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(ActorKey Actor, string Name), Task> inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = await DispatchDueAsync(stoppingToken);
                await wakeup.WaitAsync(sleep, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            await Task.WhenAll(inFlight.Values);
        }
    }

    /// <returns>How long until the next reminder not already being delivered is due.</returns>
    private async Task<TimeSpan> DispatchDueAsync(CancellationToken stoppingToken)
    {
        try
        {
            var now = clock.GetUtcNow();
            foreach (var record in await reminders.GetEarliestAsync(BatchSize, stoppingToken))
            {
                var key = (record.Actor, record.Reminder.Name);
                if (inFlight.ContainsKey(key))
                {
                    continue;
                }

                if (record.NextDueAt > now)
                {
                    return Min(record.NextDueAt - now, LongestSleep);
                }

                var delivery = new TaskCompletionSource();
                if (inFlight.TryAdd(key, delivery.Task))
                {
                    _ = DeliverAsync(record, delivery, stoppingToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ActorsLog.LoopFailed(logger, ex, nameof(ReminderScheduler));
        }

        return LongestSleep;
    }

    private async Task DeliverAsync(ReminderRecord record, TaskCompletionSource delivery, CancellationToken stoppingToken)
    {
        try
        {
            var turn = new ActorTurn(TurnKind.Reminder, record.Reminder.Name);
            await manager.RunTurnAsync(record.Actor, turn, async actor =>
            {
                // Read again inside the turn: an earlier turn may have unregistered or replaced the reminder.
                var current = await reminders.GetAsync(record.Actor, record.Reminder.Name, stoppingToken);
                if (current?.Generation != record.Generation)
                {
                    return false;
                }

                var remindable = actor as IRemindable
                    ?? throw new InvalidOperationException($"Actor type {record.Actor.Type} has reminder {record.Reminder.Name} but does not implement IRemindable.");

                // First in the turn's changes, so an unregister or re-register made by the callback wins.
                turn.ReminderChanges.Add(new ReminderDelivered(current.Reminder.Name, current.Generation, current.NextAfter(clock.GetUtcNow())));
                await remindable.ReceiveReminderAsync(current.Reminder.Name, current.Reminder.State, current.Reminder.DueTime, current.Reminder.Period);
                return true;
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the reminder is still due and fires on the next start.
        }
        catch (Exception ex)
        {
            var retryAt = clock.GetUtcNow() + options.Embedded.ReminderRetryInterval;
            ActorsLog.ReminderFailed(logger, ex, record.Reminder.Name, record.Actor.Type, record.Actor.Id, retryAt);
            await reminders.RescheduleAsync(record.Actor, record.Reminder.Name, record.Generation, retryAt, CancellationToken.None);
        }
        finally
        {
            inFlight.TryRemove((record.Actor, record.Reminder.Name), out _);
            delivery.SetResult();
            wakeup.Set();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
