using System.Globalization;
using System.Text.RegularExpressions;

namespace Samsara.Judging.Rubric;

/// <summary>
/// The checks a rubric is built from, each small and literal so a reader can predict it:
/// <list type="bullet">
/// <item><c>latex</c>: math delimiters ($…$, $$…$$, \(…\), \[…\]) or a LaTeX command (\frac, \sqrt, \times, \cdot, \begin{…}, …);</item>
/// <item><c>steps</c>: at least two step markers — lines starting "1." / "2)" / "Step 3" / "- " / "* ", or sentences
/// starting "First", "Then", "Next", "Finally";</item>
/// <item><c>final-answer</c>: the last non-empty line states the answer ("answer", "####", \boxed, "therefore", "thus", "so the");</item>
/// <item><c>polite</c>: a politeness marker (please, thank, happy to help, glad, hope this helps, sorry, …);</item>
/// <item><c>fenced-code</c>: a Markdown code fence (```);</item>
/// <item><c>explain-first</c>: a code fence with at least 15 words of prose before the first one;</item>
/// <item><c>words&lt;=N</c>: at most N words (whitespace-separated).</item>
/// </list>
/// </summary>
public static partial class RubricChecks
{
    public static IRubricCheck Latex { get; } = new Check("latex", r => LatexMarkup().IsMatch(r));

    public static IRubricCheck Steps { get; } = new Check("steps", r => StepMarker().Count(r) >= 2);

    public static IRubricCheck FinalAnswer { get; } = new Check("final-answer", r =>
        r.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) is { } last && FinalLine().IsMatch(last));

    public static IRubricCheck Polite { get; } = new Check("polite", r => PolitenessMarker().IsMatch(r));

    public static IRubricCheck FencedCode { get; } = new Check("fenced-code", r => r.Contains("```", StringComparison.Ordinal));

    public static IRubricCheck ExplainFirst { get; } = new Check("explain-first", r =>
        r.IndexOf("```", StringComparison.Ordinal) is var fence and >= 0 && Words(r[..fence]) >= 15);

    public static IRubricCheck WordLimit(int max) =>
        max < 1 ? throw new ArgumentException($"a word limit must be at least 1, not {max}")
            : new Check(string.Create(CultureInfo.InvariantCulture, $"words<={max}"), r => Words(r) <= max);

    /// <summary>A check by its name ("latex", "words&lt;=200", …).</summary>
    public static IRubricCheck Parse(string name)
    {
        var fixedCheck = new[] { Latex, Steps, FinalAnswer, Polite, FencedCode, ExplainFirst }.FirstOrDefault(c => c.Name == name);
        if (fixedCheck is not null) return fixedCheck;
        if (name.StartsWith("words<=", StringComparison.Ordinal)
            && int.TryParse(name["words<=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            return WordLimit(max);
        throw new ArgumentException(
            $"rubric check '{name}' is not one of latex, steps, final-answer, polite, fenced-code, explain-first, words<=N");
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private sealed class Check(string name, Func<string, bool> test) : IRubricCheck
    {
        public string Name => name;

        public bool Passes(string response) => test(response);
    }

    [GeneratedRegex(@"\$[^$\n]+\$|\\\(.+?\\\)|\\\[.+?\\\]|\\(?:frac|sqrt|times|cdot|div|pm|leq|geq|neq|sum|int|begin\{|boxed|text\{|left|right)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LatexMarkup();

    [GeneratedRegex(@"^[ \t]*(?:\d+[.)]\s|step\s+\d+|[-*•]\s)|(?:^|[.!?]\s+)(?:first|then|next|finally|second|third)\b", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StepMarker();

    [GeneratedRegex(@"answer|####|\\boxed|\btherefore\b|\bthus\b|\bso the\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FinalLine();

    [GeneratedRegex(@"\bplease\b|\bthank|\bhappy to help\b|\bglad\b|\bhope (?:this|that) helps\b|\bsorry\b|\byou're welcome\b|\bkind regards\b|\bmy pleasure\b",
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PolitenessMarker();
}
