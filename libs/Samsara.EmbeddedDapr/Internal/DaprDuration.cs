using System.Globalization;
using System.Text.RegularExpressions;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// Durations as daprd reads and writes them: Go durations (<c>1h0m0s0ms</c>, <c>1.5s</c>, <c>300ms</c>),
/// ISO-8601 durations (<c>PT10S</c>, <c>P1DT2H</c>) and ISO-8601 repetitions (<c>R5/PT30S</c>, whose count
/// this runtime does not use). We write the .NET SDK's <c>{h}h{m}m{s}s{ms}ms</c> form, which Go parses.
/// </summary>
internal static partial class DaprDuration
{
    public static string Format(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalHours}h{value.Minutes}m{value.Seconds}s{value.Milliseconds}ms");
    }

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.StartsWith('R'))
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 && TryParseIso(text[(slash + 1)..], out value);
        }

        return text.StartsWith('P') ? TryParseIso(text, out value) : TryParseGo(text, out value);
    }

    private static bool TryParseGo(string text, out TimeSpan value)
    {
        value = default;
        if (text == "0")
        {
            return true;
        }

        var matches = GoPart().Matches(text);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != text.Length)
        {
            return false;
        }

        double ticks = 0;
        foreach (Match part in matches)
        {
            var number = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            ticks += number * part.Groups["u"].Value switch
            {
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                _ => 0.01, // ns: one tick is 100 ns
            };
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    private static bool TryParseIso(string text, out TimeSpan value)
    {
        value = default;
        var match = IsoDuration().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
        {
            return false;
        }

        double Get(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        value = TimeSpan.FromDays((Get("w") * 7) + Get("d")) + TimeSpan.FromHours(Get("h")) + TimeSpan.FromMinutes(Get("m")) + TimeSpan.FromSeconds(Get("s"));
        return true;
    }

    [GeneratedRegex(@"(?<n>\d+(\.\d*)?|\.\d+)(?<u>ns|us|µs|ms|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex GoPart();

    // Years and months have no fixed length, so they are not accepted.
    [GeneratedRegex(@"^P((?<w>\d+(\.\d+)?)W)?((?<d>\d+(\.\d+)?)D)?(T((?<h>\d+(\.\d+)?)H)?((?<m>\d+(\.\d+)?)M)?((?<s>\d+(\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();
}
