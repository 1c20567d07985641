using Samsara.Engine.Tokenization;

namespace Samsara.Serving.Internal;

/// <summary>
/// A finished completion cut into the text deltas its tokens added, for SSE chunks: each token's delta is the growth
/// of the decoded prefix (a character split over several byte tokens comes out whole with its last byte), clipped
/// to the final text (which a stop string may have cut short).
/// </summary>
internal static class StreamPieces
{
    public static IEnumerable<string> Split(string text, IReadOnlyList<int> tokens, ITokenizer tokenizer)
    {
        var sent = 0;
        for (var i = 1; i <= tokens.Count && sent < text.Length; i++)
        {
            var prefix = tokenizer.Decode(tokens.Take(i).ToArray(), skipSpecialTokens: true);
            if (prefix.EndsWith('\uFFFD') && i < tokens.Count) continue;
            var end = Math.Min(prefix.Length, text.Length);
            if (end <= sent) continue;
            yield return text[sent..end];
            sent = end;
        }
        if (sent < text.Length) yield return text[sent..];
    }
}
