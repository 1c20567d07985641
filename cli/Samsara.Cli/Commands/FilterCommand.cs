using System.CommandLine;
using System.Text.Json;
using Samsara.Alignment.Filters;
using Samsara.Engine;

namespace Samsara.Cli.Commands;

/// <summary>`samsara filter`: keep the generation lines that pass the filter rules, and count every rejection.</summary>
internal static class FilterCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var input = new Option<string>("--in") { Description = "Generations JSONL (from generate --constitutions)", Required = true };
        var output = new Option<string>("--out") { Description = "JSONL of the kept lines, unchanged", Required = true };
        var report = new Option<string?>("--report") { Description = "JSON report: lines read and kept, rejections by rule, the config used" };
        var config = new Option<string?>("--config") { Description = "Filter config JSON: per rule true/false or {\"enabled\", thresholds}" };
        var disable = new Option<string[]>("--disable") { Description = $"Turn a rule off (repeatable): {string.Join(", ", FilterRules.All)}" };
        var banned = new Option<string[]>("--banned") { Description = "A banned substring (repeatable; replaces the default list)" };
        var ratio = new Option<double?>("--length-ratio") { Description = "len(longer) ≥ ratio · len(shorter) (default 3)" };
        var minShort = new Option<int?>("--min-short-chars") { Description = "len(shorter) ≥ this many characters (default 50)" };
        var prefix = new Option<double?>("--min-prefix-distance") { Description = "levenshtein(longer[:len(shorter)], shorter) > this · len(shorter) (default 0.5)" };
        var command = new Command("filter", "Keep contrastive generations: finished, non-empty, no banned text, positive and antithesis clearly different")
        {
            input, output, report, config, disable, banned, ratio, minShort, prefix,
        };
        command.SetAction(parse =>
        {
            var settings = parse.GetValue(config) is { } path ? FilterConfig.Load(path) : FilterConfig.Default;
            foreach (var rule in parse.GetValue(disable) ?? []) settings = settings.Without(rule);
            if (parse.GetValue(banned) is { Length: > 0 } substrings) settings = settings with { BannedSubstrings = substrings };
            if (parse.GetValue(ratio) is { } r) settings = settings with { MinLengthRatio = r };
            if (parse.GetValue(minShort) is { } m) settings = settings with { MinShortLength = m };
            if (parse.GetValue(prefix) is { } p) settings = settings with { MinPrefixDistance = p };
            settings.Validate("filter options");

            var result = new GenerationFilter(settings).Run(parse.GetRequiredValue(input), parse.GetRequiredValue(output));
            if (parse.GetValue(report) is { } reportPath) AtomicFile.WriteAllText(reportPath, result.ToJson().ToJsonString(Indented) + "\n");
            Console.WriteLine(result.Summary());
            return 0;
        });
        return command;
    }
}
