using System.Net.Http.Headers;

namespace Samsara.Actors.Tests.FakeSidecar;

/// <summary>
/// Fires reminders and timers at the app as daprd does: the reminder route activates the actor, timers only
/// reach active actors, each delivery holds the actor's lock, and a truthy <c>X-DaprReminderCancel</c>
/// answer removes the reminder or timer. A one-shot one is removed after it fires.
/// </summary>
public sealed partial class FakeDaprSidecar
{
    private const string CancelHeader = "X-DaprReminderCancel";

    private async Task RunSchedulerAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            List<ScheduledCallback> due;
            lock (sync)
            {
                due = scheduled.Values.Where(s => s.NextDue <= DateTimeOffset.UtcNow && (!s.IsTimer || active.Contains((s.ActorType, s.ActorId)))).ToList();
            }

            await Task.WhenAll(due.Select(FireAsync));
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task FireAsync(ScheduledCallback callback) => InTurnAsync(callback.ActorType, callback.ActorId, async () =>
    {
        var key = (callback.ActorType, callback.ActorId, callback.Name, callback.IsTimer);
        lock (sync)
        {
            if (!scheduled.TryGetValue(key, out var current) || current != callback)
            {
                return false; // removed or replaced while queued
            }

            if (!callback.IsTimer)
            {
                active.Add((callback.ActorType, callback.ActorId));
            }
        }

        var route = callback.IsTimer ? "timer" : "remind";
        using var content = new ByteArrayContent(callback.CallbackBody());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var cancel = false;
        var status = 0;
        try
        {
            using var response = await app.PutAsync(AppUri($"/actors/{Escape(callback.ActorType)}/{Escape(callback.ActorId)}/method/{route}/{Escape(callback.Name)}"), content);
            status = (int)response.StatusCode;
            cancel = response.Headers.TryGetValues(CancelHeader, out var values) && values.Any(IsTruthy);
        }
        catch (HttpRequestException)
        {
            // the app is gone; daprd would retry later
        }

        deliveries.Enqueue($"{route} {callback.ActorType}/{callback.ActorId}/{callback.Name} {status} cancel={cancel}");
        lock (sync)
        {
            if (scheduled.TryGetValue(key, out var current) && current == callback)
            {
                if (cancel || callback.Period.Length == 0)
                {
                    scheduled.Remove(key);
                }
                else
                {
                    scheduled[key] = callback with { NextDue = DateTimeOffset.UtcNow + GoDuration.Parse(callback.Period) };
                }
            }
        }

        return true;
    });

    // Go's strings.IsTruthy: y, yes, true, on, 1 (any case).
    private static bool IsTruthy(string value) =>
        value.Trim().ToUpperInvariant() is "Y" or "YES" or "TRUE" or "ON" or "1";
}
