using System.Text.Json.Nodes;
using Samsara.Alignment.Filters.Internal;

namespace Samsara.Alignment.Filters;

/// <summary>
/// Which rules run and their thresholds. The defaults are the math experiment's filters of the multi-task paper
/// (ratio 3, shorter response ≥ 50 characters, prefix distance &gt; 0.5 × its length).
/// </summary>
public sealed record FilterConfig
{
    /// <summary>
    /// Text that, inside a response, shows the model continued the generation prompt's layout or left a
    /// template placeholder rather than answering (compared ignoring case by default).
    /// </summary>
    public static IReadOnlyList<string> DefaultBannedSubstrings { get; } =
        ["Human:", "Assistant:", "System Instructions", "###", "[insert", "[]", "constitution", "the principles"];

    public static FilterConfig Default { get; } = new();

    /// <summary>Names of the rules that run (all of <see cref="FilterRules.All"/> by default).</summary>
    public IReadOnlySet<string> Enabled { get; init; } = FilterRules.All.ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<string> BannedSubstrings { get; init; } = DefaultBannedSubstrings;

    public bool BannedIgnoreCase { get; init; } = true;

    /// <summary>len(longer) ≥ MinLengthRatio · len(shorter).</summary>
    public double MinLengthRatio { get; init; } = 3.0;

    /// <summary>len(shorter) ≥ MinShortLength.</summary>
    public int MinShortLength { get; init; } = 50;

    /// <summary>levenshtein(longer[:len(shorter)], shorter) &gt; MinPrefixDistance · len(shorter).</summary>
    public double MinPrefixDistance { get; init; } = 0.5;

    public bool IsEnabled(string rule) => Enabled.Contains(rule);

    /// <summary>A copy with <paramref name="rule"/> turned off; an unknown name is an error listing the known ones.</summary>
    public FilterConfig Without(string rule) => FilterRules.All.Contains(rule)
        ? this with { Enabled = Enabled.Where(r => r != rule).ToHashSet(StringComparer.Ordinal) }
        : throw new FilterConfigException($"unknown filter rule \"{rule}\" (rules: {string.Join(", ", FilterRules.All)})");

    /// <summary>Checks the thresholds; <paramref name="source"/> names the file or options they came from.</summary>
    public FilterConfig Validate(string source)
    {
        if (!(MinLengthRatio >= 1)) throw new FilterConfigException($"{source}: {FilterRules.LengthRatio} ratio must be ≥ 1, not {MinLengthRatio}");
        if (MinShortLength < 0) throw new FilterConfigException($"{source}: {FilterRules.ShortLength} min_chars must be ≥ 0, not {MinShortLength}");
        if (!(MinPrefixDistance >= 0)) throw new FilterConfigException($"{source}: {FilterRules.PrefixDistance} min_fraction must be ≥ 0, not {MinPrefixDistance}");
        if (BannedSubstrings.Any(string.IsNullOrEmpty)) throw new FilterConfigException($"{source}: banned substrings must not be empty");
        return this;
    }

    /// <summary>
    /// Reads a config file: one key per rule, <c>true</c>/<c>false</c> or an object with "enabled" and thresholds —
    /// <c>{"banned": {"substrings": […], "ignore_case": true}, "length_ratio": {"min_ratio": 3},
    /// "short_length": {"min_chars": 50}, "prefix_distance": {"min_fraction": 0.5}, "termination": false}</c>.
    /// Rules it does not mention keep their defaults; unknown keys are errors.
    /// </summary>
    public static FilterConfig Load(string path) =>
        File.Exists(path) ? FilterConfigJson.Parse(File.ReadAllText(path), path).Validate(path)
            : throw new FilterConfigException($"{path}: file not found");

    /// <summary>The config in the file format, as the report records it.</summary>
    public JsonObject ToJson() => FilterConfigJson.Write(this);
}
