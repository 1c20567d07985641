namespace Samsara.Engine.Tokenization.Internal;

/// <summary>What happens to the matches of a split pattern (Hugging Face's <c>SplitDelimiterBehavior</c>).</summary>
internal enum SplitBehavior
{
    /// <summary>Each match is a piece of its own, between the pieces of unmatched text.</summary>
    Isolated,

    /// <summary>Matches are dropped.</summary>
    Removed,

    /// <summary>A match is glued to the end of the piece before it.</summary>
    MergedWithPrevious,

    /// <summary>A match is glued to the start of the piece after it (Metaspace: "▁" starts each word).</summary>
    MergedWithNext,
}

internal static class Splitter
{
    /// <summary>Appends the pieces of <paramref name="text"/> cut at the matches of <paramref name="pattern"/>; empty pieces are dropped, as Hugging Face does.</summary>
    public static void Split(string text, TextPattern pattern, SplitBehavior behavior, List<string> output)
    {
        // (start, end, isMatch) covering the whole text, in order.
        var spans = new List<(int Start, int End, bool IsMatch)>();
        var previous = 0;
        for (var match = pattern.Regex.Match(text); match.Success; match = match.NextMatch())
        {
            if (match.Index > previous)
            {
                spans.Add((previous, match.Index, false));
            }

            spans.Add((match.Index, match.Index + match.Length, true));
            previous = match.Index + match.Length;
        }

        if (previous < text.Length)
        {
            spans.Add((previous, text.Length, false));
        }

        foreach (var (start, end) in Group(spans, behavior))
        {
            if (end > start)
            {
                output.Add(text[start..end]);
            }
        }
    }

    private static List<(int Start, int End)> Group(List<(int Start, int End, bool IsMatch)> spans, SplitBehavior behavior)
    {
        var pieces = new List<(int Start, int End)>();
        switch (behavior)
        {
            case SplitBehavior.Isolated:
                pieces.AddRange(spans.Select(s => (s.Start, s.End)));
                break;
            case SplitBehavior.Removed:
                pieces.AddRange(spans.Where(s => !s.IsMatch).Select(s => (s.Start, s.End)));
                break;
            case SplitBehavior.MergedWithPrevious:
                // A match joins the piece before it unless that piece is itself a match.
                for (var i = 0; i < spans.Count; i++)
                {
                    if (spans[i].IsMatch && i > 0 && !spans[i - 1].IsMatch)
                    {
                        pieces[^1] = (pieces[^1].Start, spans[i].End);
                    }
                    else
                    {
                        pieces.Add((spans[i].Start, spans[i].End));
                    }
                }

                break;
            case SplitBehavior.MergedWithNext:
                // Mirror image: walk right to left, a match joins the piece after it unless that is a match.
                for (var i = spans.Count - 1; i >= 0; i--)
                {
                    if (spans[i].IsMatch && i < spans.Count - 1 && !spans[i + 1].IsMatch)
                    {
                        pieces[^1] = (spans[i].Start, pieces[^1].End);
                    }
                    else
                    {
                        pieces.Add((spans[i].Start, spans[i].End));
                    }
                }

                pieces.Reverse();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(behavior), behavior, null);
        }

        return pieces;
    }
}
