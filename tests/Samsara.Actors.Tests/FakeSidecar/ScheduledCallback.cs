using System.Text.Json;

namespace Samsara.Actors.Tests.FakeSidecar;

/// <summary>A reminder or timer as the fake sidecar keeps it: the strings exactly as registered, plus when it is next due.</summary>
public sealed record ScheduledCallback(
    string ActorType,
    string ActorId,
    string Name,
    string DueTime,
    string Period,
    JsonElement? Data,
    string? Callback,
    DateTimeOffset NextDue)
{
    public bool IsTimer => Callback is not null;

    /// <summary>The body daprd sends when it fires (reference §1): data omitted when none was registered.</summary>
    public byte[] CallbackBody()
    {
        var body = new Dictionary<string, object?>();
        if (Callback is not null)
        {
            body["callback"] = Callback;
        }

        if (Data is { } data)
        {
            body["data"] = data;
        }

        body["dueTime"] = DueTime;
        body["period"] = Period;
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }
}
