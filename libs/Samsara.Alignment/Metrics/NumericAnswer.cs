using System.Text.RegularExpressions;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// Numbers as answers: one canonical spelling per value ("1,000" → "1000", "18.0" → "18", "+0.50" → "0.5",
/// "-0" → "0"), so that comparing answers is comparing strings. Done on the text rather than through
/// <see cref="decimal"/> or <see cref="double"/> so no answer is too long to compare or loses digits.
/// </summary>
public static partial class NumericAnswer
{
    /// <summary>The canonical form of <paramref name="text"/>, or null when it is not one plain number.</summary>
    public static string? Normalize(string text)
    {
        var match = Number().Match(text.Trim());
        if (!match.Success) return null;
        var whole = match.Groups["whole"].Value.Replace(",", "", StringComparison.Ordinal).TrimStart('0');
        var fraction = match.Groups["fraction"].Value.TrimEnd('0');
        var digits = (whole.Length == 0 ? "0" : whole) + (fraction.Length == 0 ? "" : "." + fraction);
        return match.Groups["sign"].Value == "-" && digits != "0" ? "-" + digits : digits;
    }

    /// <summary>Whether two answers are the same number; an answer that is not a number equals nothing.</summary>
    public static bool AreEqual(string? a, string? b) =>
        a is not null && b is not null && Normalize(a) is { } x && x == Normalize(b);

    // Optional sign, digits with optional thousands commas, optional decimals; ".5" and "5." are numbers too.
    [GeneratedRegex(@"^(?<sign>[-+]?)(?:(?<whole>[0-9]+(?:,[0-9]+)*)(?:\.(?<fraction>[0-9]*))?|\.(?<fraction>[0-9]+))$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
