namespace Samsara.Alignment.TaskWorld.Internal;

/// <summary>The small text measures the checkers share: non-empty lines, and sentences split at . ! ? marks.</summary>
internal static class ResponseText
{
    public static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string[] Sentences(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?')) continue;
            var sentence = text[start..(i + 1)].Trim();
            if (sentence.Length > 1) sentences.Add(sentence);
            start = i + 1;
        }
        if (text[start..].Trim() is { Length: > 0 } rest) sentences.Add(rest);
        return [.. sentences];
    }
}
