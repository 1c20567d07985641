namespace Samsara.Alignment.TaskWorld.Internal;

/// <summary>The math principles read off a response.</summary>
internal static class MathChecks
{
    /// <summary>
    /// Strong: the last line gives the answer ("Answer: …") and at least one line before it is a calculation
    /// (holds "="). Antithesis: a single line with no "=" at all. Anything else (no answer line, several lines
    /// without a calculation) follows neither.
    /// </summary>
    public static Adherence Steps(string response)
    {
        var lines = ResponseText.Lines(response);
        if (lines.Length == 0 || !lines[^1].StartsWith("Answer:", StringComparison.Ordinal)) return Adherence.Neither;
        if (lines.Length == 1) return response.Contains('=', StringComparison.Ordinal) ? Adherence.Neither : Adherence.Antithesis;
        return lines[..^1].Any(l => l.Contains('=', StringComparison.Ordinal)) ? Adherence.Strong : Adherence.Neither;
    }

    /// <summary>
    /// Strong: dollar signs come in pairs and every digit of the response sits between a pair. Antithesis: no
    /// dollar sign and no backslash (no TeX command). Half-typeset text follows neither.
    /// </summary>
    public static Adherence Latex(string response)
    {
        var dollars = response.Count(c => c == '$');
        if (dollars == 0) return response.Contains('\\', StringComparison.Ordinal) ? Adherence.Neither : Adherence.Antithesis;
        if (dollars % 2 != 0) return Adherence.Neither;
        var inside = false;
        foreach (var c in response)
        {
            if (c == '$') inside = !inside;
            else if (char.IsAsciiDigit(c) && !inside) return Adherence.Neither;
        }
        return Adherence.Strong;
    }
}
