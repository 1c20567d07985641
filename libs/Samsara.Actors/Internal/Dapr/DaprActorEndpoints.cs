using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// The app side of the Dapr actor protocol (reference §1): the routes daprd calls, with the statuses it
/// expects. Success is exactly 200. Failures carry Dapr's error body: 404 for an unknown method (daprd
/// treats it as permanent and does not retry), 400 for an unreadable body, 500 for an unregistered actor
/// type (as the .NET SDK answers) and for a method that threw. DELETE is idempotent: 200 even when the
/// actor is not active.
/// </summary>
internal static class DaprActorEndpoints
{
    public const string ReminderCancelHeader = "X-DaprReminderCancel";

    // The wire format is fixed by the protocol, not by whatever JSON options the host app configured.
    public static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var actors = endpoints.MapGroup("");
        actors.AddEndpointFilter<AppApiTokenFilter>();
        actors.MapGet("/dapr/config", (ActorRegistry registry, ActorRuntimeOptions options) =>
            Results.Json(DaprAppConfig.From(registry, options), Wire));
        actors.MapPut("/actors/{actorType}/{actorId}/method/remind/{reminderName}", RemindAsync);
        actors.MapPut("/actors/{actorType}/{actorId}/method/timer/{timerName}", TimerAsync);
        actors.MapPut("/actors/{actorType}/{actorId}/method/{methodName}", InvokeAsync);
        actors.MapDelete("/actors/{actorType}/{actorId}", DeactivateAsync);
        return actors;
    }

    private static Task<IResult> InvokeAsync(HttpContext context, string actorType, string actorId, string methodName, ActorDispatcher dispatcher) =>
        AnswerAsync(context, actorType, actorId, methodName, async key =>
        {
            var result = await dispatcher.InvokeMethodAsync(key, methodName, await ReadBodyAsync(context), context.RequestAborted);
            return result.Length == 0 ? Results.Ok() : Results.Bytes(result, "application/json");
        });

    private static Task<IResult> RemindAsync(HttpContext context, string actorType, string actorId, string reminderName, ActorDispatcher dispatcher) =>
        AnswerAsync(context, actorType, actorId, $"reminder {reminderName}", async key =>
        {
            var body = await ReadCallbackAsync(context);
            var reminder = new ActorReminder(reminderName, body.State(), body.DueTimeSpan(), body.PeriodSpan());
            return Delivered(context, await dispatcher.ReceiveReminderAsync(key, reminder, context.RequestAborted));
        });

    private static Task<IResult> TimerAsync(HttpContext context, string actorType, string actorId, string timerName, ActorDispatcher dispatcher) =>
        AnswerAsync(context, actorType, actorId, $"timer {timerName}", async key =>
        {
            var body = await ReadCallbackAsync(context);
            if (string.IsNullOrEmpty(body.Callback))
            {
                throw new ActorDispatchException(DispatchFailure.BadRequest, $"Timer {timerName} came without a callback.");
            }

            var timer = new ActorTimer(timerName, body.Callback, body.State(), body.DueTimeSpan(), body.PeriodSpan());
            return Delivered(context, await dispatcher.ReceiveTimerAsync(key, timer, context.RequestAborted));
        });

    private static Task<IResult> DeactivateAsync(HttpContext context, string actorType, string actorId, ActorManager manager) =>
        AnswerAsync(context, actorType, actorId, "deactivate", async key =>
        {
            manager.Registry.Get(actorType);
            await manager.DeactivateAsync(key);
            return Results.Ok();
        });

    /// <summary>A callback was delivered; the actor unregistering it while being called stops it at daprd.</summary>
    private static IResult Delivered(HttpContext context, bool cancel)
    {
        if (cancel)
        {
            context.Response.Headers[ReminderCancelHeader] = "true";
        }

        return Results.Ok();
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, string actorType, string actorId, string what, Func<ActorKey, Task<IResult>> answer)
    {
        try
        {
            return await answer(new ActorKey(actorType, actorId));
        }
        catch (ActorDispatchException ex)
        {
            return Results.Json(DaprError.For(ex), Wire, statusCode: ex.StatusCode);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The .NET SDK's non-remoting path lets an actor's exception become a 500; daprd passes
            // "error from actor service: (500) body" on to the caller, so the message is the useful part.
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DaprActorEndpoints));
            ActorsLog.CallFailed(logger, ex, actorType, actorId, what);
            return Results.Json(new DaprError("ERR_ACTOR_CALL_FAILED", ex.Message), Wire, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task<DaprCallbackBody> ReadCallbackAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        try
        {
            return body.Length == 0
                ? new DaprCallbackBody(null, null, null, null)
                : JsonSerializer.Deserialize<DaprCallbackBody>(body, Wire) ?? new DaprCallbackBody(null, null, null, null);
        }
        catch (JsonException ex)
        {
            throw new ActorDispatchException(DispatchFailure.BadRequest, $"The callback body is not JSON: {ex.Message}");
        }
    }
}
