namespace Samsara.Engine.Tokenization.Internal;

/// <summary>When Metaspace puts "▁" in front of a segment (Hugging Face's <c>PrependScheme</c>).</summary>
internal enum PrependScheme
{
    Always,

    /// <summary>Only in front of the text's very beginning, not after an added token.</summary>
    First,
    Never,
}

/// <summary>
/// SentencePiece's whitespace handling as a pre-tokenizer (newer Llama 2 / Mistral tokenizer.json files):
/// spaces become "▁", a "▁" is prepended per the scheme, and with <c>split</c> each "▁" starts a new word.
/// </summary>
internal sealed class MetaspacePreTokenizer(char replacement, PrependScheme scheme, bool split) : IPreTokenizer
{
    private readonly TextPattern wordStart = TextPattern.Literal(replacement.ToString());

    public void PreTokenize(List<string> pieces, bool atInputStart)
    {
        var input = pieces.ToArray();
        pieces.Clear();
        for (var i = 0; i < input.Length; i++)
        {
            var text = input[i].Replace(' ', replacement);
            var prepend = scheme == PrependScheme.Always || (scheme == PrependScheme.First && atInputStart && i == 0);
            if (prepend && !text.StartsWith(replacement))
            {
                text = replacement + text;
            }

            if (split)
            {
                Splitter.Split(text, wordStart, SplitBehavior.MergedWithNext, pieces);
            }
            else if (text.Length > 0)
            {
                pieces.Add(text);
            }
        }
    }
}
