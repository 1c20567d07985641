using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samsara.Actors.Tests.FakeSidecar;

/// <summary>daprd's actor API (reference §2), with its statuses and <c>{"errorCode","message"}</c> error bodies.</summary>
public sealed partial class FakeDaprSidecar
{
    private void MapActorApi(IEndpointRouteBuilder routes)
    {
        var actors = routes.MapGroup("/v1.0/actors/{type}/{id}");
        actors.AddEndpointFilter(async (context, next) =>
        {
            LastApiToken = context.HttpContext.Request.Headers["dapr-api-token"].FirstOrDefault();
            return await next(context);
        });
        actors.MapGet("/state/{key}", ReadState);
        actors.MapMethods("/state", ["POST", "PUT"], SaveStateAsync);
        actors.MapMethods("/reminders/{name}", ["POST", "PUT"], (HttpContext c, string type, string id, string name) => ScheduleAsync(c, type, id, name, timer: false));
        actors.MapGet("/reminders/{name}", GetReminder);
        actors.MapDelete("/reminders/{name}", (string type, string id, string name) => Unschedule(type, id, name, timer: false));
        actors.MapMethods("/timers/{name}", ["POST", "PUT"], (HttpContext c, string type, string id, string name) => ScheduleAsync(c, type, id, name, timer: true));
        actors.MapDelete("/timers/{name}", (string type, string id, string name) => Unschedule(type, id, name, timer: true));
        actors.MapMethods("/method/{method}", ["GET", "POST", "PUT", "DELETE"], InvokeAsync);
    }

    private IResult ReadState(string type, string id, string key)
    {
        lock (sync)
        {
            // Found: the value's raw JSON; missing: 204 with no body.
            return state.TryGetValue((type, id, key), out var value) ? Results.Bytes(value, "application/json") : Results.NoContent();
        }
    }

    private async Task<IResult> SaveStateAsync(HttpContext context, string type, string id)
    {
        var body = await ReadAsync(context);
        var operations = new List<(string Op, string Key, byte[]? Value)>();
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var operation in document.RootElement.EnumerateArray())
            {
                var op = operation.GetProperty("operation").GetString();
                var request = operation.GetProperty("request");
                var key = request.GetProperty("key").GetString()!;
                switch (op)
                {
                    case "upsert":
                        operations.Add((op, key, Encoding.UTF8.GetBytes(request.GetProperty("value").GetRawText())));
                        break;
                    case "delete":
                        operations.Add((op, key, null));
                        break;
                    default:
                        return Error(400, "ERR_MALFORMED_REQUEST", $"unknown operation {op}");
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Error(400, "ERR_MALFORMED_REQUEST", ex.Message);
        }

        lock (sync)
        {
            if (!active.Contains((type, id)))
            {
                return Error(400, "ERR_ACTOR_INSTANCE_MISSING", $"actor instance {type}/{id} is missing");
            }

            // All operations under one lock: the transaction applies whole.
            foreach (var (op, key, value) in operations)
            {
                if (op == "upsert")
                {
                    state[(type, id, key)] = value!;
                }
                else
                {
                    state.Remove((type, id, key));
                }
            }
        }

        transactions.Enqueue(body);
        return Results.NoContent();
    }

    private async Task<IResult> ScheduleAsync(HttpContext context, string type, string id, string name, bool timer)
    {
        var body = await ReadAsync(context);
        registrations.Enqueue($"{(timer ? "timer" : "reminder")} {name} {body}");
        lock (sync)
        {
            if (!entities.Contains(type))
            {
                return Error(403, "ERR_ACTOR_REMINDER_CREATE", $"actor type {type} is not hosted by this app");
            }
        }

        ScheduledCallback callback;
        bool overwrite;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var dueTime = root.TryGetProperty("dueTime", out var d) ? d.GetString() ?? "" : "";
            var period = root.TryGetProperty("period", out var p) ? p.GetString() ?? "" : "";
            if (period.Length > 0)
            {
                _ = GoDuration.Parse(period); // reject what daprd would reject
            }

            overwrite = root.TryGetProperty("overwrite", out var o) && o.GetBoolean();
            callback = new ScheduledCallback(
                type, id, name, dueTime, period,
                root.TryGetProperty("data", out var data) ? data.Clone() : null,
                timer ? root.GetProperty("callback").GetString() : null,
                DateTimeOffset.UtcNow + (dueTime.Length == 0 ? TimeSpan.Zero : GoDuration.Parse(dueTime)));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return Error(400, "ERR_MALFORMED_REQUEST", ex.Message);
        }

        lock (sync)
        {
            if (!timer && !overwrite && scheduled.ContainsKey((type, id, name, false)))
            {
                return Error(409, "ERR_ACTOR_REMINDER_ALREADY_EXISTS", $"reminder {name} already exists");
            }

            scheduled[(type, id, name, timer)] = callback;
        }

        return Results.NoContent();
    }

    private IResult GetReminder(string type, string id, string name)
    {
        lock (sync)
        {
            return scheduled.TryGetValue((type, id, name, false), out var r)
                ? Results.Json(new { actorID = id, actorType = type, data = r.Data, dueTime = r.DueTime, period = r.Period })
                : Error(404, "ERR_ACTOR_REMINDER_NOT_FOUND", $"reminder {name} not found");
        }
    }

    private IResult Unschedule(string type, string id, string name, bool timer)
    {
        lock (sync)
        {
            scheduled.Remove((type, id, name, timer));
        }

        return Results.NoContent();
    }

    /// <summary>Forwards a call to the app under the actor's lock; anything but 200 becomes daprd's 500.</summary>
    private async Task<IResult> InvokeAsync(HttpContext context, string type, string id, string method)
    {
        var body = await ReadAsync(context);
        return await InTurnAsync(type, id, async () =>
        {
            MarkActive(type, id);
            using var request = new HttpRequestMessage(HttpMethod.Put, AppUri($"/actors/{Escape(type)}/{Escape(id)}/method/{Escape(method)}"))
            {
                Content = new StringContent(body, Encoding.UTF8),
            };
            request.Content.Headers.ContentType = context.Request.ContentType is { } type2 ? MediaTypeHeaderValue.Parse(type2) : null;
            using var response = await app.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode != 200)
            {
                return Error(500, "ERR_ACTOR_INVOKE_METHOD", $"error from actor service: ({(int)response.StatusCode}) {Encoding.UTF8.GetString(answer)}");
            }

            return Results.Bytes(answer, response.Content.Headers.ContentType?.ToString());
        });
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { errorCode = code, message }, statusCode: status);

    private static async Task<string> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
