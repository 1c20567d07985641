using System.Text.Json;

namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// The body daprd sends with a reminder (<c>{"data","dueTime","period"}</c>) or a timer (the same plus
/// <c>"callback"</c>). Durations come back exactly as registered; ones we cannot read are passed on as
/// zero due time / no period rather than failing a delivery over information the callback rarely uses.
/// </summary>
internal sealed record DaprCallbackBody(JsonElement? Data, string? DueTime, string? Period, string? Callback)
{
    /// <summary>
    /// Data registered by this library (or the .NET SDK) is a base64 JSON string; any other JSON (another
    /// client's object) is handed to the actor as its raw UTF-8 bytes.
    /// </summary>
    public byte[] State()
    {
        if (Data is not { } data || data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        return data.ValueKind == JsonValueKind.String && data.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : System.Text.Encoding.UTF8.GetBytes(data.GetRawText());
    }

    public TimeSpan DueTimeSpan() => DaprDuration.TryParse(DueTime, out var due) ? due : TimeSpan.Zero;

    public TimeSpan PeriodSpan() => DaprDuration.TryParse(Period, out var period) && period > TimeSpan.Zero ? period : Timeout.InfiniteTimeSpan;
}
