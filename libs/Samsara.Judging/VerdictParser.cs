using System.Text.RegularExpressions;

namespace Samsara.Judging;

/// <summary>
/// Reads a pairwise verdict out of a judge's answer. Forms are tried from the most explicit to the least, and within
/// a form the last occurrence wins (the verdict line comes after the explanation, which may quote the other letter):
/// <list type="number">
/// <item>MT-Bench's brackets: "[[A]]", "[[B]]", "[[C]]" or "[[tie]]";</item>
/// <item>a labelled line: "Final Response: A", "Final verdict: B", "Verdict: tie", "Winner: C" (the papers' judge);</item>
/// <item>the whole answer one letter or word: "A", "B.", "C", "tie";</item>
/// <item>a sentence: "Response A is better", "Assistant B is the better", "Output A wins", "it is a tie".</item>
/// </list>
/// "C" is a tie throughout. Anything else is <see cref="SlotVerdict.Unparsed"/>.
/// </summary>
public static partial class VerdictParser
{
    public static SlotVerdict Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return SlotVerdict.Unparsed;
        foreach (var form in Forms)
        {
            var last = form().Matches(answer).LastOrDefault();
            if (last is not null) return FromToken(last.Groups["v"].Value);
        }
        return SlotVerdict.Unparsed;
    }

    private static readonly Func<Regex>[] Forms = [Brackets, Labelled, Alone, Sentence];

    private static SlotVerdict FromToken(string token) => token.ToUpperInvariant() switch
    {
        "A" => SlotVerdict.First,
        "B" => SlotVerdict.Second,
        _ => SlotVerdict.Tie,
    };

    [GeneratedRegex(@"\[\[\s*(?<v>A|B|C|tie)\s*\]\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Brackets();

    [GeneratedRegex(@"(?:final\s+(?:response|verdict|answer|decision)|verdict|winner|better\s+response)\s*(?:is)?\s*[:\-]?\s*\**\s*(?:response\s+|assistant\s+)?\(?(?<v>(?-i:A|B|C)|tie)\)?(?![\w'])",
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^\s*\(?(?<v>(?-i:A|B|C)|tie)\)?\s*[.!]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Alone();

    [GeneratedRegex(@"\b(?:response|assistant|output|answer)\s+(?<v>(?-i:A|B))\s+(?:is\s+(?:the\s+)?(?:better|superior|stronger|preferred)|wins)\b|\b(?:it\s+is|it's)\s+an?\s+(?<v>tie)\b",
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sentence();
}
