namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// The added tokens of a tokenizer, and the split of raw text around them. Matching is leftmost, then longest,
/// as Hugging Face does; all tokens are matched on the raw text (Hugging Face matches <c>normalized: true</c>
/// ones after normalization, which differs only for tokens that the normalizer itself would change).
/// </summary>
internal sealed class AddedVocabulary
{
    private readonly Dictionary<int, AddedToken> byId = [];
    private readonly Dictionary<string, AddedToken> byContent = new(StringComparer.Ordinal);
    private readonly Dictionary<char, AddedToken[]> byFirstChar;

    public AddedVocabulary(IEnumerable<AddedToken> tokens)
    {
        foreach (var token in tokens)
        {
            byId[token.Id] = token;
            byContent[token.Content] = token;
        }

        byFirstChar = byContent.Values
            .Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    public static AddedVocabulary Empty { get; } = new([]);

    public int MaxId => byId.Count == 0 ? -1 : byId.Keys.Max();

    public AddedToken? ById(int id) => byId.GetValueOrDefault(id);

    public AddedToken? ByContent(string content) => byContent.GetValueOrDefault(content);

    /// <summary>Splits <paramref name="text"/> into text segments and matched added tokens, in order; empty text segments are left out.</summary>
    public List<TextSegment> Split(string text)
    {
        var segments = new List<TextSegment>();
        var textStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (Match(text, i) is not { } token)
            {
                i++;
                continue;
            }

            var start = i;
            var end = i + token.Content.Length;
            while (token.LStrip && start > textStart && char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            while (token.RStrip && end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            AddText(segments, text, textStart, start);
            segments.Add(new TextSegment(start, token.Content, token));
            textStart = i = end;
        }

        AddText(segments, text, textStart, text.Length);
        return segments;
    }

    private AddedToken? Match(string text, int at)
    {
        if (!byFirstChar.TryGetValue(text[at], out var candidates))
        {
            return null;
        }

        foreach (var token in candidates)
        {
            if (text.AsSpan(at).StartsWith(token.Content, StringComparison.Ordinal)
                && (!token.SingleWord || IsWholeWord(text, at, at + token.Content.Length)))
            {
                return token;
            }
        }

        return null;
    }

    private static bool IsWholeWord(string text, int start, int end) =>
        (start == 0 || !IsWordChar(text[start - 1])) && (end == text.Length || !IsWordChar(text[end]));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static void AddText(List<TextSegment> segments, string text, int start, int end)
    {
        if (end > start)
        {
            segments.Add(new TextSegment(start, text[start..end], null));
        }
    }
}
