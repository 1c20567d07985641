using System.Text.RegularExpressions;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// Reads the final answer out of a GSM8K-style response. The three ways are reported side by side because each
/// misjudges differently (docs/architecture.md §11): strict only credits GSM8K's own "#### N" line, flexible takes the last
/// number wherever it is, and paper repeats the SAMI multi-task paper's <c>extract_answer</c> (Govande 2024)
/// so its figures can be compared with the paper's. Every answer comes back in
/// <see cref="NumericAnswer.Normalize"/>'s canonical form, or null when the text holds none.
/// </summary>
public sealed partial class AnswerExtractor
{
    private readonly Func<string, string?> extract;
    private readonly Func<string, string?> expected;

    // expected: what a reference number must come out as for a response to count as correct.
    private AnswerExtractor(string name, Func<string, string?> extract, Func<string, string?> expected)
    {
        Name = name;
        this.extract = extract;
        this.expected = expected;
    }

    /// <summary>The number right after the last "#### " (commas, a sign and decimals allowed; a "$" skipped).</summary>
    public static AnswerExtractor Strict { get; } = new("strict", ExtractStrict, NumericAnswer.Normalize);

    /// <summary>The last number anywhere in the text.</summary>
    public static AnswerExtractor Flexible { get; } = new("flexible", ExtractFlexible, NumericAnswer.Normalize);

    /// <summary>
    /// The paper's rule: the text after the last "=", commas removed, its last run of digits as an integer. Signs and
    /// decimal points are not part of it ("-3.5" reads as 5): that is the paper's behaviour, kept so numbers match.
    /// </summary>
    public static AnswerExtractor Paper { get; } = new("paper", ExtractPaper, ExtractPaper);

    /// <summary>Strict, flexible and paper, in the order reports list them.</summary>
    public static IReadOnlyList<AnswerExtractor> All { get; } = [Strict, Flexible, Paper];

    /// <summary>The name in sample and report files: "strict", "flexible" or "paper".</summary>
    public string Name { get; }

    public string? Extract(string text) => extract(text);

    /// <summary>
    /// Whether <paramref name="response"/>'s answer is <paramref name="reference"/> (a number). The paper sends the
    /// reference through its own extractor too, so for it "-10" and "10" are the same answer; strict and flexible
    /// compare exact values.
    /// </summary>
    public bool IsCorrect(string response, string reference)
    {
        var answer = expected(reference);
        return answer is not null && Extract(response) == answer;
    }

    public override string ToString() => Name;

    private static string? ExtractStrict(string text)
    {
        var marker = text.LastIndexOf("#### ", StringComparison.Ordinal);
        if (marker < 0) return null;
        var match = StrictNumber().Match(text, marker + "#### ".Length);
        return match.Success ? NumericAnswer.Normalize(match.Groups["sign"].Value + match.Groups["number"].Value) : null;
    }

    private static string? ExtractFlexible(string text)
    {
        var last = FlexibleNumber().Matches(text).LastOrDefault();
        return last is null ? null : NumericAnswer.Normalize(last.Value);
    }

    private static string? ExtractPaper(string text)
    {
        var afterEquals = text[(text.LastIndexOf('=') + 1)..].Replace(",", "", StringComparison.Ordinal);
        var last = Digits().Matches(afterEquals).LastOrDefault();
        return last is null ? null : NumericAnswer.Normalize(last.Value);
    }

    // Anchored where the marker ends (\G): "#### -1,000.5", "#### $18", "####  7".
    [GeneratedRegex(@"\G *(?<sign>[-+]?) *\$? *(?<number>[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex StrictNumber();

    // A number not glued to a preceding digit or point; a minus is a sign only when it does not follow a word or a
    // closing bracket, so "16-3" ends in 3, not -3, while "is -3" and "(-3)" are negative.
    [GeneratedRegex(@"(?<![0-9.])(?:(?<![\w)\]])-)?(?:[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?|\.[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FlexibleNumber();

    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
