using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// daprd's side of the actor protocol toward the app: which actors are active here, their turns, method calls
/// forwarded to the app, reminders (persisted) and timers (in memory, active actors only) fired with daprd's bodies,
/// and DELETE for an actor idle past its type's timeout. Nothing reaches the app before <see cref="Attach"/>.
/// </summary>
internal sealed partial class ActorDriver(SidecarStore store, TimeProvider clock, TimeSpan reminderRetry, ILogger logger)
{
    public const string ReentrancyHeader = "Dapr-Reentrancy-Id";
    public const string CancelHeader = "X-DaprReminderCancel";
    private readonly ActorTurns turns = new();
    private readonly Lock sync = new();
    private readonly Dictionary<ActorKey, DateTimeOffset> lastUsed = [];
    private readonly Dictionary<(ActorKey Actor, string Name), ActorTimerEntry> timers = [];
    private readonly TaskCompletionSource attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (AppChannel Channel, AppConfig Config) app;

    public SidecarStore Store => store;

    public TimeProvider Clock => clock;

    /// <summary>The app's config, or empty before the app is attached.</summary>
    public AppConfig Config
    {
        get
        {
            lock (sync) return app.Config ?? AppConfig.Empty;
        }
    }

    /// <summary>Points the driver at a (new) app process: as daprd after an app restart, nothing is active there yet.</summary>
    public void Attach(AppChannel channel, AppConfig config)
    {
        lock (sync)
        {
            app = (channel, config);
            lastUsed.Clear();
            timers.Clear();
        }

        attached.TrySetResult();
    }

    private async Task<(AppChannel Channel, AppConfig Config)> AppAsync(CancellationToken ct)
    {
        await attached.Task.WaitAsync(ct);
        lock (sync) return app;
    }

    public bool IsActive(ActorKey actor)
    {
        lock (sync) return lastUsed.ContainsKey(actor);
    }

    /// <summary>Forwards a method call to the app inside the actor's turn, activating the actor; the app's response as it came.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(ActorKey actor, string method, HttpContent content, string? chain, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        var (channel, config) = await AppAsync(ct);
        var type = HostedType(config, actor);
        // daprd starts a chain for a call that comes without one, so a call back into this actor re-enters.
        chain = type.Reentrant ? chain ?? Guid.NewGuid().ToString() : null;
        using var turn = await turns.EnterAsync(actor, chain, type.MaxStackDepth, ct);
        Touch(actor);
        try
        {
            return await channel.SendAsync(HttpMethod.Put, $"{AppChannel.ActorPath(actor)}/method/{Uri.EscapeDataString(method)}", content, ct, request =>
            {
                foreach (var (name, value) in headers) request.TryAddWithoutValidation(name, value);
                if (chain is not null) request.TryAddWithoutValidation(ReentrancyHeader, chain);
            });
        }
        finally
        {
            Touch(actor);
        }
    }

    public void PutTimer(ActorTimerEntry timer)
    {
        lock (sync) timers[(timer.Actor, timer.Name)] = timer;
    }

    public void DeleteTimer(ActorKey actor, string name)
    {
        lock (sync) timers.Remove((actor, name));
    }

    /// <summary>One pass of the scheduler: due reminders, due timers, idle actors.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        if (!attached.Task.IsCompletedSuccessfully) return;
        var (app, config) = await AppAsync(ct);
        var reminders = (await store.DueRemindersAsync(ct)).Where(r => config.Hosts(r.Actor.Type)).ToList();
        List<ActorTimerEntry> dueTimers;
        List<ActorKey> idle;
        var now = clock.GetUtcNow();
        lock (sync)
        {
            dueTimers = timers.Values.Where(t => t.NextDue <= now && lastUsed.ContainsKey(t.Actor)).ToList();
            idle = lastUsed.Where(a => now - a.Value > config.For(a.Key.Type).IdleTimeout).Select(a => a.Key).ToList();
        }

        // Different actors in parallel, each actor's callbacks in its own turns.
        await Task.WhenAll(
            reminders.Select(r => FireReminderAsync(app, r, ct))
                .Concat(dueTimers.Select(t => FireTimerAsync(app, t, ct)))
                .Concat(idle.Select(a => DeactivateIfIdleAsync(app, config, a, ct))));
    }

    private static TypeConfig HostedType(AppConfig config, ActorKey actor) =>
        config.Hosts(actor.Type) ? config.For(actor.Type) : throw new ActorTypeNotHostedException(actor.Type);

    private void Touch(ActorKey actor)
    {
        lock (sync) lastUsed[actor] = clock.GetUtcNow();
    }

    private async Task FireReminderAsync(AppChannel app, StoredReminder reminder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (reminder.ExpiresAt is { } expires && expires <= now)
        {
            await store.DeleteReminderAsync(reminder.Actor, reminder.Name, ct);
            return;
        }

        bool? cancel;
        using (await turns.EnterAsync(reminder.Actor, null, int.MaxValue, ct))
        {
            // Replaced or removed while waiting for the turn: the newer registration decides.
            if (await store.GetReminderAsync(reminder.Actor, reminder.Name, ct) != reminder) return;
            Touch(reminder.Actor);
            cancel = await DeliverAsync(app, reminder.Actor, $"remind/{Uri.EscapeDataString(reminder.Name)}", CallbackBodies.Reminder(reminder), ct);
            Touch(reminder.Actor);
        }

        if (await store.GetReminderAsync(reminder.Actor, reminder.Name, ct) != reminder) return;
        if (cancel is null)
        {
            // The app did not take it (down, restarting, or an error): at-least-once, so try again later.
            await store.PutReminderAsync(reminder with { NextDue = clock.GetUtcNow() + reminderRetry }, ct);
            return;
        }

        var period = ReminderSchedule.Period(reminder.Period);
        var remaining = reminder.Remaining - 1;
        if (cancel.Value || period is null || remaining <= 0)
            await store.DeleteReminderAsync(reminder.Actor, reminder.Name, ct);
        else
            await store.PutReminderAsync(reminder with { NextDue = clock.GetUtcNow() + period.Value.Interval, Remaining = remaining }, ct);
    }

    private async Task FireTimerAsync(AppChannel app, ActorTimerEntry timer, CancellationToken ct)
    {
        bool? cancel;
        using (await turns.EnterAsync(timer.Actor, null, int.MaxValue, ct))
        {
            lock (sync)
            {
                if (!timers.TryGetValue((timer.Actor, timer.Name), out var current) || current != timer || !lastUsed.ContainsKey(timer.Actor)) return;
            }

            Touch(timer.Actor);
            cancel = await DeliverAsync(app, timer.Actor, $"timer/{Uri.EscapeDataString(timer.Name)}", CallbackBodies.Timer(timer), ct);
            Touch(timer.Actor);
        }

        lock (sync)
        {
            if (!timers.TryGetValue((timer.Actor, timer.Name), out var current) || current != timer) return;
            var period = ReminderSchedule.Period(timer.Period);
            if (cancel == true || period is null) timers.Remove((timer.Actor, timer.Name));
            else timers[(timer.Actor, timer.Name)] = timer with { NextDue = clock.GetUtcNow() + period.Value.Interval };
        }
    }

    /// <summary>PUTs a callback; true/false: delivered (with or without X-DaprReminderCancel), null: not delivered.</summary>
    private async Task<bool?> DeliverAsync(AppChannel app, ActorKey actor, string route, string body, CancellationToken ct)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await app.SendAsync(HttpMethod.Put, $"{AppChannel.ActorPath(actor)}/method/{route}", content, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                CallbackFailed(logger, actor.ToString(), route, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                return null;
            }

            return response.Headers.TryGetValues(CancelHeader, out var values) && values.Any(IsTruthy);
        }
        catch (HttpRequestException ex)
        {
            CallbackFailed(logger, actor.ToString(), route, ex.Message);
            return null;
        }
    }

    private async Task DeactivateIfIdleAsync(AppChannel app, AppConfig config, ActorKey actor, CancellationToken ct)
    {
        using (await turns.EnterAsync(actor, null, int.MaxValue, ct))
        {
            lock (sync)
            {
                // Used again while this waited for the turn.
                if (!lastUsed.TryGetValue(actor, out var used) || clock.GetUtcNow() - used <= config.For(actor.Type).IdleTimeout) return;
            }

            try
            {
                using var response = await app.SendAsync(HttpMethod.Delete, AppChannel.ActorPath(actor), null, ct);
                if (response.StatusCode != HttpStatusCode.OK) CallbackFailed(logger, actor.ToString(), "deactivate", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException ex)
            {
                CallbackFailed(logger, actor.ToString(), "deactivate", ex.Message);
            }

            // As daprd: a failed DELETE is logged, and the actor counts as deactivated either way.
            lock (sync)
            {
                lastUsed.Remove(actor);
                foreach (var key in timers.Keys.Where(k => k.Actor == actor).ToList()) timers.Remove(key);
            }
        }
    }

    // Go's strings.IsTruthy: y, yes, true, on, 1 (any case).
    private static bool IsTruthy(string value) => value.Trim().ToUpperInvariant() is "Y" or "YES" or "TRUE" or "ON" or "1";

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The app did not take {Callback} for actor {Actor}: {Reason}")]
    private static partial void CallbackFailed(ILogger logger, string actor, string callback, string reason);
}

/// <summary>A method call or state write named an actor type the app did not list in /dapr/config.</summary>
internal sealed class ActorTypeNotHostedException(string type) : Exception($"actor type {type} is not hosted by this app")
{
    public string Type => type;
}

/// <summary>A registered timer: fired only while its actor is active, gone when it is deactivated.</summary>
internal sealed record ActorTimerEntry(ActorKey Actor, string Name, string Callback, string? Data, string DueTime, string Period, DateTimeOffset NextDue);
