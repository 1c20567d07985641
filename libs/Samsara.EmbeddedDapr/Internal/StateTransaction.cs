using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// A state transaction body as daprd reads it:
/// <c>[{"operation":"upsert","request":{"key":"k","value":…,"metadata":{"ttlInSeconds":"60"}}},{"operation":"delete","request":{"key":"k"}}]</c>.
/// The value is stored as its raw JSON and handed back unchanged.
/// </summary>
internal static class StateTransaction
{
    public static List<StateOperation> Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var operations = new List<StateOperation>();
        foreach (var operation in document.RootElement.EnumerateArray())
        {
            var request = operation.GetProperty("request");
            var key = request.GetProperty("key").GetString() ?? throw new FormatException("a key is null");
            operations.Add(operation.GetProperty("operation").GetString() switch
            {
                "upsert" => new StateOperation(key, Encoding.UTF8.GetBytes(request.GetProperty("value").GetRawText()), Ttl(request)),
                "delete" => new StateOperation(key, null, null),
                var other => throw new FormatException($"unknown operation '{other}' (upsert or delete)"),
            });
        }

        return operations;
    }

    private static TimeSpan? Ttl(JsonElement request)
    {
        if (!request.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("ttlInSeconds", out var ttl))
            return null;
        var text = ttl.ValueKind == JsonValueKind.String ? ttl.GetString() : ttl.GetRawText();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? seconds < 0 ? null : TimeSpan.FromSeconds(seconds) // daprd: a negative TTL means none
            : throw new FormatException($"ttlInSeconds '{text}' is not a whole number");
    }
}
