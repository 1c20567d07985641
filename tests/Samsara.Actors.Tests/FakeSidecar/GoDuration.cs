using System.Globalization;
using System.Text.RegularExpressions;

namespace Samsara.Actors.Tests.FakeSidecar;

/// <summary>
/// The fake sidecar's own reading of Go durations (time.ParseDuration), written apart from the library's
/// parser so that a formatting mistake in the client cannot be hidden by the same mistake in the fake.
/// </summary>
public static partial class GoDuration
{
    public static TimeSpan Parse(string text)
    {
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var parts = Part().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
        {
            throw new FormatException($"not a Go duration: '{text}'");
        }

        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            var n = decimal.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours((double)n),
                "m" => TimeSpan.FromMinutes((double)n),
                "s" => TimeSpan.FromSeconds((double)n),
                "ms" => TimeSpan.FromMilliseconds((double)n),
                "us" or "µs" => TimeSpan.FromMicroseconds((double)n),
                _ => TimeSpan.FromTicks((long)(n / 100)),
            };
        }

        return total;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|h|m|s)")]
    private static partial Regex Part();
}
