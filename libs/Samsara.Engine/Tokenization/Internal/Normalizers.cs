namespace Samsara.Engine.Tokenization.Internal;

/// <summary>Rewrites a text segment before pre-tokenization (tokenizer.json's <c>normalizer</c>).</summary>
internal interface INormalizer
{
    string Normalize(string text);
}

/// <summary>Prepends a string to every non-empty segment (SentencePiece's leading "▁").</summary>
internal sealed class PrependNormalizer(string prefix) : INormalizer
{
    public string Normalize(string text) => text.Length == 0 ? text : prefix + text;
}

internal sealed class ReplaceNormalizer(TextPattern pattern, string content) : INormalizer
{
    public string Normalize(string text) => pattern.Replace(text, content);
}

internal sealed class SequenceNormalizer(IReadOnlyList<INormalizer> steps) : INormalizer
{
    public string Normalize(string text)
    {
        foreach (var step in steps)
        {
            text = step.Normalize(text);
        }

        return text;
    }
}
