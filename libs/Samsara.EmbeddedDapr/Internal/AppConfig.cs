using System.Text.Json;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// What the app's <c>GET /dapr/config</c> says, as daprd reads it: the actor types it hosts, each type's idle timeout
/// (default 60 minutes) and whether calls may re-enter (default off, max stack depth 32).
/// </summary>
internal sealed class AppConfig
{
    private static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(60);
    private readonly Dictionary<string, TypeConfig> types = [];

    public static AppConfig Empty { get; } = new();

    public IReadOnlyCollection<string> Entities => types.Keys;

    public bool Hosts(string type) => types.ContainsKey(type);

    public TypeConfig For(string type) => types.TryGetValue(type, out var config) ? config : new TypeConfig(DefaultIdleTimeout, false, 32);

    public static AppConfig Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var config = new AppConfig();
        var defaults = Read(root, new TypeConfig(DefaultIdleTimeout, false, 32));
        foreach (var entity in Strings(root, "entities")) config.types[entity] = defaults;
        if (root.TryGetProperty("entitiesConfig", out var perType) && perType.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in perType.EnumerateArray())
            {
                var specific = Read(entry, defaults);
                foreach (var entity in Strings(entry, "entities")) config.types[entity] = specific;
            }
        }

        return config;
    }

    private static TypeConfig Read(JsonElement element, TypeConfig fallback)
    {
        var idle = element.TryGetProperty("actorIdleTimeout", out var t) && DaprDuration.TryParse(t.GetString(), out var parsed) ? parsed : fallback.IdleTimeout;
        var reentrant = fallback.Reentrant;
        var depth = fallback.MaxStackDepth;
        if (element.TryGetProperty("reentrancy", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            reentrant = r.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.True;
            depth = r.TryGetProperty("maxStackDepth", out var d) && d.TryGetInt32(out var n) ? n : 32;
        }

        return new TypeConfig(idle, reentrant, depth);
    }

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
            : [];
}

internal sealed record TypeConfig(TimeSpan IdleTimeout, bool Reentrant, int MaxStackDepth);
