namespace Samsara.Alignment.TaskWorld.Internal;

/// <summary>The lists principles read off a response.</summary>
internal static class ListChecks
{
    /// <summary>
    /// Strong: at least two lines are "- item" bullets and every line after the first is one. Antithesis: no bullet
    /// line, and the items share one line joined by commas or "and".
    /// </summary>
    public static Adherence Bullets(string response)
    {
        var lines = ResponseText.Lines(response);
        if (lines.Length == 0) return Adherence.Neither;
        var bullets = lines.Count(IsBullet);
        if (bullets >= 2 && lines.Skip(1).All(IsBullet)) return Adherence.Strong;
        var items = lines[^1];
        return bullets == 0 && lines.Length == 1 && (items.Contains(',', StringComparison.Ordinal) || items.Contains(" and ", StringComparison.Ordinal))
            ? Adherence.Antithesis : Adherence.Neither;
    }

    /// <summary>
    /// Strong: the response opens with a sentence of at least two words that ends in a colon before the first
    /// item. Antithesis: it starts with an item — no colon anywhere and no bullet-less preamble.
    /// </summary>
    public static Adherence Intro(string response)
    {
        var trimmed = response.TrimStart();
        if (trimmed.Length == 0) return Adherence.Neither;
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return Adherence.Antithesis;
        var lead = trimmed[..colon];
        return !lead.Contains('\n', StringComparison.Ordinal) && !lead.StartsWith("- ", StringComparison.Ordinal)
               && lead.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2
            ? Adherence.Strong : Adherence.Neither;
    }

    private static bool IsBullet(string line) => line.StartsWith("- ", StringComparison.Ordinal) && line.Length > 2;
}
