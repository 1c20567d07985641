using System.Text.RegularExpressions;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// GPT-2's pre-tokenizer: optionally split with GPT-2's regex, then spell each piece's UTF-8 bytes in the
/// <see cref="ByteLevelAlphabet"/>, so that a byte-level vocabulary covers every input without an unknown token.
/// </summary>
internal sealed partial class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IPreTokenizer
{
    /// <summary>The pattern from openai/gpt-2's encoder.py, also used by Hugging Face's ByteLevel and by gpt-3-encoder.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private static readonly TextPattern Gpt2Split = new(Gpt2Regex());

    public void PreTokenize(List<string> pieces, bool atInputStart)
    {
        var input = pieces.ToArray();
        pieces.Clear();
        foreach (var piece in input)
        {
            // Hugging Face gives every piece the prefix space, so " Hello" and "Hello" at the start encode alike.
            var text = addPrefixSpace && !piece.StartsWith(' ') ? " " + piece : piece;
            if (useRegex)
            {
                Splitter.Split(text, Gpt2Split, SplitBehavior.Isolated, pieces);
            }
            else if (text.Length > 0)
            {
                pieces.Add(text);
            }
        }

        for (var i = 0; i < pieces.Count; i++)
        {
            pieces[i] = ByteLevelAlphabet.Encode(pieces[i]);
        }
    }

    [GeneratedRegex(Gpt2Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Gpt2Regex();
}
