namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Cuts a normalized text segment into words for the BPE model (tokenizer.json's <c>pre_tokenizer</c>).
/// Merges never cross a word boundary, which is what keeps " the" one token however it is surrounded.
/// </summary>
internal interface IPreTokenizer
{
    /// <summary>Replaces <paramref name="pieces"/> with their sub-pieces.</summary>
    /// <param name="atInputStart">The first piece starts at offset 0 of the original text (Metaspace's "first" scheme).</param>
    void PreTokenize(List<string> pieces, bool atInputStart);
}

/// <summary>Runs pre-tokenizers one after another, each on every piece the last one produced (Llama 3: Split, then ByteLevel).</summary>
internal sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> steps) : IPreTokenizer
{
    public void PreTokenize(List<string> pieces, bool atInputStart)
    {
        foreach (var step in steps)
        {
            step.PreTokenize(pieces, atInputStart);
        }
    }
}

/// <summary>Hugging Face's <c>Split</c>: cut at the matches of a pattern.</summary>
internal sealed class SplitPreTokenizer(TextPattern pattern, SplitBehavior behavior) : IPreTokenizer
{
    public void PreTokenize(List<string> pieces, bool atInputStart)
    {
        var input = pieces.ToArray();
        pieces.Clear();
        foreach (var piece in input)
        {
            Splitter.Split(piece, pattern, behavior, pieces);
        }
    }
}
