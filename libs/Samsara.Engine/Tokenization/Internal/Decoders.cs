namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Turns token strings back into text (tokenizer.json's <c>decoder</c>). Like Hugging Face's
/// <c>decode_chain</c>, each step maps a list of strings to a list of strings; the result is their concatenation.
/// </summary>
internal interface IDecoder
{
    List<string> DecodeChain(List<string> tokens);
}

internal sealed class SequenceDecoder(IReadOnlyList<IDecoder> steps) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        foreach (var step in steps)
        {
            tokens = step.DecodeChain(tokens);
        }

        return tokens;
    }
}

/// <summary>Replaces a pattern in every token (SentencePiece: "▁" back to " ").</summary>
internal sealed class ReplaceDecoder(TextPattern pattern, string content) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => tokens.ConvertAll(t => pattern.Replace(t, content));
}

/// <summary>Concatenates all tokens into one, so a following Strip acts on the whole text.</summary>
internal sealed class FuseDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];
}

/// <summary>
/// Removes up to <paramref name="start"/> leading and <paramref name="stop"/> trailing <paramref name="content"/>
/// characters from every token (SentencePiece: the space that the prepended "▁" became).
/// </summary>
internal sealed class StripDecoder(char content, int start, int stop) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens) => tokens.ConvertAll(Strip);

    private string Strip(string token)
    {
        var from = 0;
        while (from < start && from < token.Length && token[from] == content)
        {
            from++;
        }

        var to = token.Length;
        while (token.Length - to < stop && to > from && token[to - 1] == content)
        {
            to--;
        }

        return token[from..to];
    }
}

/// <summary>
/// Metaspace's decoder: "▁" becomes " ", except in the first token, where Hugging Face drops it unless the
/// prepend scheme is Never (it stands for the space the encoder prepended).
/// </summary>
internal sealed class MetaspaceDecoder(char replacement, PrependScheme scheme) : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var dropInFirst = i == 0 && scheme != PrependScheme.Never;
            output.Add(dropInFirst
                ? tokens[i].Replace(replacement.ToString(), string.Empty, StringComparison.Ordinal)
                : tokens[i].Replace(replacement, ' '));
        }

        return output;
    }
}
