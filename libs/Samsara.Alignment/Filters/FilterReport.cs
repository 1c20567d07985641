using System.Text.Json.Nodes;

namespace Samsara.Alignment.Filters;

/// <summary>
/// What a filter run did: lines read and kept; per rule, the lines it rejected first (the rules are checked in
/// <see cref="FilterRules.All"/> order, so these add up to read − kept) and the lines failing it at all.
/// </summary>
public sealed class FilterReport(FilterConfig config)
{
    private readonly Dictionary<string, int> rejected = FilterRules.All.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
    private readonly Dictionary<string, int> failed = FilterRules.All.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);

    public FilterConfig Config { get; } = config;

    public int Read { get; private set; }

    public int Kept { get; private set; }

    /// <summary>Lines whose first failing rule this was.</summary>
    public IReadOnlyDictionary<string, int> Rejected => rejected;

    /// <summary>Lines failing this rule, whether or not an earlier rule failed too.</summary>
    public IReadOnlyDictionary<string, int> Failed => failed;

    /// <summary>Counts one line by the rules it fails (none: kept).</summary>
    public void Add(IReadOnlyList<string> failures)
    {
        Read++;
        if (failures.Count == 0) Kept++;
        else rejected[failures[0]]++;
        foreach (var rule in failures) failed[rule]++;
    }

    public JsonObject ToJson() => new()
    {
        ["read"] = Read,
        ["kept"] = Kept,
        ["rejected"] = Counts(rejected),
        ["failed"] = Counts(failed),
        ["config"] = Config.ToJson(),
    };

    /// <summary>One line for a terminal: "kept 3 of 10; rejected: termination 5, length_ratio 2".</summary>
    public string Summary()
    {
        var reasons = FilterRules.All.Where(r => rejected[r] > 0).Select(r => $"{r} {rejected[r]}").ToList();
        return $"kept {Kept} of {Read}" + (reasons.Count > 0 ? $"; rejected: {string.Join(", ", reasons)}" : "");
    }

    private static JsonObject Counts(Dictionary<string, int> counts) =>
        new(FilterRules.All.Select(r => KeyValuePair.Create(r, (JsonNode?)counts[r])));
}
