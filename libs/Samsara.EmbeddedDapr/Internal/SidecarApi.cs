using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// daprd's HTTP actor API as the .NET SDK calls it (<c>/v1.0/actors/{type}/{id}/…</c>), with daprd's statuses and
/// <c>{"errorCode","message"}</c> error bodies: state get (200 raw JSON, 204 missing) and transaction (204; 400
/// ERR_ACTOR_INSTANCE_MISSING for an actor not active here), reminders, timers, and method invocation. Every call
/// must carry the sidecar's API token.
/// </summary>
internal static class SidecarApi
{
    private const string RequestHeader = "X-DaprRequestHeader";
    private const string ErrorResponseHeader = "X-DaprErrorResponseHeader";

    public static void Map(IEndpointRouteBuilder routes, ActorDriver driver, string apiToken)
    {
        var actors = routes.MapGroup("/v1.0/actors/{type}/{id}");
        var expected = Encoding.UTF8.GetBytes(apiToken);
        actors.AddEndpointFilter(async (context, next) =>
        {
            var given = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[AppChannel.TokenHeader].ToString());
            return CryptographicOperations.FixedTimeEquals(given, expected)
                ? await next(context)
                : Error(401, "ERR_UNAUTHORIZED", "missing or wrong dapr-api-token");
        });
        actors.MapGet("/state/{key}", (string type, string id, string key, CancellationToken ct) => GetStateAsync(driver, new ActorKey(type, id), key, ct));
        actors.MapMethods("/state", ["POST", "PUT"], (HttpContext c, string type, string id) => SaveStateAsync(driver, c, new ActorKey(type, id)));
        actors.MapMethods("/reminders/{name}", ["POST", "PUT"], (HttpContext c, string type, string id, string name) => PutReminderAsync(driver, c, new ActorKey(type, id), name));
        actors.MapGet("/reminders/{name}", (string type, string id, string name, CancellationToken ct) => GetReminderAsync(driver, new ActorKey(type, id), name, ct));
        actors.MapDelete("/reminders/{name}", async (string type, string id, string name, CancellationToken ct) =>
        {
            await driver.Store.DeleteReminderAsync(new ActorKey(type, id), name, ct);
            return Results.NoContent();
        });
        actors.MapMethods("/timers/{name}", ["POST", "PUT"], (HttpContext c, string type, string id, string name) => PutTimerAsync(driver, c, new ActorKey(type, id), name));
        actors.MapDelete("/timers/{name}", (string type, string id, string name) =>
        {
            driver.DeleteTimer(new ActorKey(type, id), name);
            return Results.NoContent();
        });
        actors.MapMethods("/method/{method}", ["GET", "POST", "PUT", "DELETE"], (HttpContext c, string type, string id, string method) => InvokeAsync(driver, c, new ActorKey(type, id), method));
    }

    private static async Task<IResult> GetStateAsync(ActorDriver driver, ActorKey actor, string key, CancellationToken ct)
    {
        var found = await driver.Store.GetStateAsync(actor, key, ct);
        if (found is not { } value) return Results.NoContent();
        return new StateResult(value.Value, value.ExpiresAt);
    }

    private static async Task<IResult> SaveStateAsync(ActorDriver driver, HttpContext context, ActorKey actor)
    {
        List<StateOperation> operations;
        try
        {
            operations = StateTransaction.Parse(await ReadAsync(context));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return Error(400, "ERR_MALFORMED_REQUEST", $"state transaction: {ex.Message}");
        }

        // As daprd: state is written only for an actor hosted here, during or after one of its turns.
        if (!driver.IsActive(actor)) return Error(400, "ERR_ACTOR_INSTANCE_MISSING", $"actor instance {actor} is missing");
        await driver.Store.SaveStateAsync(actor, operations, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> PutReminderAsync(ActorDriver driver, HttpContext context, ActorKey actor, string name)
    {
        if (!driver.Config.Hosts(actor.Type)) return Error(403, "ERR_ACTOR_REMINDER_CREATE", $"actor type {actor.Type} is not hosted by this app");
        StoredReminder reminder;
        bool overwrite;
        try
        {
            using var document = JsonDocument.Parse(await ReadAsync(context));
            var root = document.RootElement;
            var now = driver.Clock.GetUtcNow();
            var dueTime = Text(root, "dueTime");
            var period = Text(root, "period");
            var repetitions = ReminderSchedule.Period(period)?.Repetitions;
            overwrite = !root.TryGetProperty("overwrite", out var o) || o.ValueKind != JsonValueKind.False;
            reminder = new StoredReminder(actor, name, dueTime, period, RawData(root), ReminderSchedule.FirstDue(dueTime, now), repetitions,
                ReminderSchedule.Expiry(Text(root, "ttl"), now));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return Error(400, "ERR_MALFORMED_REQUEST", $"reminder {name}: {ex.Message}");
        }

        if (!overwrite && await driver.Store.ReminderExistsAsync(actor, name, context.RequestAborted))
            return Error(409, "ERR_ACTOR_REMINDER_ALREADY_EXISTS", $"reminder {name} already exists for actor {actor}");
        await driver.Store.PutReminderAsync(reminder, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> GetReminderAsync(ActorDriver driver, ActorKey actor, string name, CancellationToken ct)
    {
        var reminder = await driver.Store.GetReminderAsync(actor, name, ct);
        if (reminder is null) return Error(404, "ERR_ACTOR_REMINDER_NOT_FOUND", $"reminder {name} not found for actor {actor}");
        var data = reminder.Data is null ? (JsonElement?)null : JsonDocument.Parse(reminder.Data).RootElement.Clone();
        return Results.Json(new { actorID = actor.Id, actorType = actor.Type, data, dueTime = reminder.DueTime, period = reminder.Period });
    }

    private static async Task<IResult> PutTimerAsync(ActorDriver driver, HttpContext context, ActorKey actor, string name)
    {
        if (!driver.IsActive(actor)) return Error(400, "ERR_ACTOR_INSTANCE_MISSING", $"actor instance {actor} is missing");
        try
        {
            using var document = JsonDocument.Parse(await ReadAsync(context));
            var root = document.RootElement;
            var dueTime = Text(root, "dueTime");
            var period = Text(root, "period");
            _ = ReminderSchedule.Period(period);
            var callback = Text(root, "callback");
            driver.PutTimer(new ActorTimerEntry(actor, name, callback, RawData(root), dueTime, period, ReminderSchedule.FirstDue(dueTime, driver.Clock.GetUtcNow())));
            return Results.NoContent();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return Error(400, "ERR_MALFORMED_REQUEST", $"timer {name}: {ex.Message}");
        }
    }

    /// <summary>Forwards to the app in the actor's turn; anything but 200 from the app becomes daprd's 500.</summary>
    private static async Task<IResult> InvokeAsync(ActorDriver driver, HttpContext context, ActorKey actor, string method)
    {
        var body = await ReadBytesAsync(context);
        using var content = new ByteArrayContent(body);
        if (context.Request.ContentType is { } type) content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        var passed = context.Request.Headers.Where(h => h.Key.Equals(RequestHeader, StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(RequestHeader, h.Value.ToString())).ToList();
        var chain = context.Request.Headers[ActorDriver.ReentrancyHeader].FirstOrDefault();
        try
        {
            using var response = await driver.InvokeAsync(actor, method, content, chain, passed, context.RequestAborted);
            var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            if ((int)response.StatusCode != 200)
                return Error(500, "ERR_ACTOR_INVOKE_METHOD", $"error from actor service: ({(int)response.StatusCode}) {Encoding.UTF8.GetString(answer)}");
            if (response.Headers.TryGetValues(ErrorResponseHeader, out var error))
                context.Response.Headers[ErrorResponseHeader] = error.First();
            return Results.Bytes(answer, response.Content.Headers.ContentType?.ToString());
        }
        catch (ActorTypeNotHostedException ex)
        {
            return Error(500, "ERR_ACTOR_INVOKE_METHOD", ex.Message);
        }
        catch (ReentrancyDepthExceededException ex)
        {
            return Error(500, "ERR_ACTOR_MAX_STACK_DEPTH_EXCEEDED", ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return Error(500, "ERR_ACTOR_INVOKE_METHOD", $"the app did not answer: {ex.Message}");
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string? RawData(JsonElement root) =>
        root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null ? data.GetRawText() : null;

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { errorCode = code, message }, statusCode: status);

    private static async Task<string> ReadAsync(HttpContext context) => Encoding.UTF8.GetString(await ReadBytesAsync(context));

    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>A found state value: its raw JSON, and daprd's <c>metadata.ttlExpireTime</c> header when it has a TTL.</summary>
    private sealed class StateResult(byte[] value, DateTimeOffset? expiresAt) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (expiresAt is { } at) httpContext.Response.Headers["metadata.ttlExpireTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            httpContext.Response.ContentType = "application/json";
            return httpContext.Response.Body.WriteAsync(value).AsTask();
        }
    }
}
