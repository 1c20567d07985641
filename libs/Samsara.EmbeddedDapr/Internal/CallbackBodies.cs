using System.Text;
using System.Text.Json;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// The bodies daprd PUTs to the app's reminder and timer routes: data replayed exactly as registered (raw JSON, left
/// out when none), due time and period as registered, and for a timer its callback.
/// </summary>
internal static class CallbackBodies
{
    public static string Reminder(StoredReminder reminder) => Write(writer =>
    {
        WriteData(writer, reminder.Data);
        writer.WriteString("dueTime", reminder.DueTime);
        writer.WriteString("period", reminder.Period);
    });

    public static string Timer(ActorTimerEntry timer) => Write(writer =>
    {
        writer.WriteString("callback", timer.Callback);
        WriteData(writer, timer.Data);
        writer.WriteString("dueTime", timer.DueTime);
        writer.WriteString("period", timer.Period);
    });

    private static void WriteData(Utf8JsonWriter writer, string? data)
    {
        if (data is null) return;
        writer.WritePropertyName("data");
        writer.WriteRawValue(data);
    }

    private static string Write(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
