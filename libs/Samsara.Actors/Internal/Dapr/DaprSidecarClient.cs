using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// A client of daprd's actor API (reference §2): state, reminders, timers and method calls, at
/// <c>http://127.0.0.1:{DAPR_HTTP_PORT}/v1.0/actors/…</c>, with <c>dapr-api-token</c> when one is configured.
/// Reminder and timer data is a base64 JSON string, as the .NET SDK writes it, so SDK actors can read ours.
/// </summary>
internal sealed class DaprSidecarClient(HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <returns>The stored value's raw JSON, or null (daprd answers 204 when there is none).</returns>
    public async Task<byte[]?> GetStateAsync(ActorKey actor, string key, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(ActorPath(actor, "state", key), cancellationToken);
        await EnsureAsync(response, $"read state {key} of {actor}", cancellationToken, HttpStatusCode.OK, HttpStatusCode.NoContent);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent || body.Length == 0 ? null : body;
    }

    /// <summary>One state transaction: values inline as JSON (upsert), removals as delete; daprd answers 204.</summary>
    public async Task SaveStateAsync(ActorKey actor, IReadOnlyList<StateChange> changes, CancellationToken cancellationToken)
    {
        using var content = JsonBody(writer =>
        {
            writer.WriteStartArray();
            foreach (var change in changes)
            {
                writer.WriteStartObject();
                writer.WriteString("operation", change.Value is null ? "delete" : "upsert");
                writer.WriteStartObject("request");
                writer.WriteString("key", change.Key);
                if (change.Value is not null)
                {
                    writer.WritePropertyName("value");
                    writer.WriteRawValue(change.Value, skipInputValidation: true); // serialized by us; already valid JSON
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
        using var response = await http.PostAsync(ActorPath(actor, "state"), content, cancellationToken);
        await EnsureAsync(response, $"save state of {actor}", cancellationToken, HttpStatusCode.NoContent, HttpStatusCode.OK);
    }

    public async Task RegisterReminderAsync(ActorKey actor, ActorReminder reminder, CancellationToken cancellationToken)
    {
        using var content = JsonBody(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("dueTime", DaprDuration.Format(reminder.DueTime));
            writer.WriteString("period", Period(reminder.Period));
            WriteData(writer, reminder.State);
            writer.WriteBoolean("overwrite", true); // registering again replaces, as in the Dapr SDK
            writer.WriteEndObject();
        });
        using var response = await http.PutAsync(ActorPath(actor, "reminders", reminder.Name), content, cancellationToken);
        await EnsureAsync(response, $"register reminder {reminder.Name} of {actor}", cancellationToken, HttpStatusCode.NoContent, HttpStatusCode.OK);
    }

    public async Task UnregisterReminderAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(ActorPath(actor, "reminders", name), cancellationToken);
        await EnsureAsync(response, $"unregister reminder {name} of {actor}", cancellationToken, HttpStatusCode.NoContent, HttpStatusCode.OK);
    }

    public async Task RegisterTimerAsync(ActorKey actor, ActorTimer timer, CancellationToken cancellationToken)
    {
        using var content = JsonBody(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("dueTime", DaprDuration.Format(timer.DueTime));
            writer.WriteString("period", Period(timer.Period));
            writer.WriteString("callback", timer.Callback);
            WriteData(writer, timer.State);
            writer.WriteEndObject();
        });
        using var response = await http.PutAsync(ActorPath(actor, "timers", timer.Name), content, cancellationToken);
        await EnsureAsync(response, $"register timer {timer.Name} of {actor}", cancellationToken, HttpStatusCode.NoContent, HttpStatusCode.OK);
    }

    public async Task UnregisterTimerAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(ActorPath(actor, "timers", name), cancellationToken);
        await EnsureAsync(response, $"unregister timer {name} of {actor}", cancellationToken, HttpStatusCode.NoContent, HttpStatusCode.OK);
    }

    /// <summary>Calls an actor method through daprd, which routes it to whichever app hosts the actor.</summary>
    public async Task<byte[]> InvokeMethodAsync(ActorKey actor, string method, byte[] payload, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = Json;
        using var response = await http.PutAsync(ActorPath(actor, "method", method), content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var (code, message) = ReadError(body);
            throw new ActorMethodInvocationException($"{actor}.{method} failed through daprd ({(int)response.StatusCode} {code}): {message}")
            {
                StatusCode = (int)response.StatusCode,
            };
        }

        return body;
    }

    private static string ActorPath(ActorKey actor, params string[] rest) =>
        $"v1.0/actors/{Uri.EscapeDataString(actor.Type)}/{Uri.EscapeDataString(actor.Id)}/{string.Join('/', rest.Select(Uri.EscapeDataString))}";

    // daprd reads "" as "fire once".
    private static string Period(TimeSpan period) => period == Timeout.InfiniteTimeSpan ? "" : DaprDuration.Format(period);

    private static void WriteData(Utf8JsonWriter writer, byte[] state)
    {
        if (state.Length > 0)
        {
            writer.WriteBase64String("data", state);
        }
    }

    private static ByteArrayContent JsonBody(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = Json;
        return content;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken, params HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode))
        {
            return;
        }

        var (code, message) = ReadError(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        throw new DaprApiException($"daprd refused to {what}: {(int)response.StatusCode} {code}: {message}")
        {
            StatusCode = (int)response.StatusCode,
            ErrorCode = code,
        };
    }

    /// <summary>daprd's error body is <c>{"errorCode":"ERR_…","message":"…"}</c>; anything else is passed on as text.</summary>
    internal static (string? Code, string Message) ReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return (root.TryGetProperty("errorCode", out var code) ? code.GetString() : null,
                        root.TryGetProperty("message", out var message) ? message.GetString() ?? "" : root.GetRawText());
            }
        }
        catch (JsonException)
        {
            // not JSON
        }

        return (null, System.Text.Encoding.UTF8.GetString(body));
    }
}
