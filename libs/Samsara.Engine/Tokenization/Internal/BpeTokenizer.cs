namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// A Hugging Face-style BPE tokenizer: added tokens are split out of the raw text, each remaining segment is
/// normalized, pre-tokenized into words and encoded word by word by the BPE model; decoding runs the decoder
/// chain over the token strings. Byte-level (GPT-2, Llama 3) and SentencePiece-style (Llama 2, Mistral) BPE
/// differ only in the normalizer, pre-tokenizer and decoder they are built with.
/// </summary>
internal sealed class BpeTokenizer : ITokenizer
{
    private readonly BpeModel model;
    private readonly AddedVocabulary added;
    private readonly INormalizer? normalizer;
    private readonly IPreTokenizer? preTokenizer;
    private readonly IDecoder? decoder;
    private readonly SpecialTokenIds specialIds;

    public BpeTokenizer(
        BpeModel model,
        AddedVocabulary added,
        INormalizer? normalizer,
        IPreTokenizer? preTokenizer,
        IDecoder? decoder,
        SpecialTokenIds? specialIds = null)
    {
        this.model = model;
        this.added = added;
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.decoder = decoder;
        this.specialIds = specialIds ?? SpecialTokenIds.FromConventionalNames(TokenToId);
        VocabSize = Math.Max(model.MaxId, added.MaxId) + 1;
    }

    public int VocabSize { get; }

    public int? BosId => specialIds.Bos;

    public int? EosId => specialIds.Eos;

    public int? PadId => specialIds.Pad;

    public BpeTokenizer WithSpecialIds(SpecialTokenIds ids) =>
        new(model, added, normalizer, preTokenizer, decoder, ids);

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3);
        var pieces = new List<string>();
        foreach (var segment in added.Split(text))
        {
            if (segment.Added is { } token)
            {
                ids.Add(token.Id);
                continue;
            }

            pieces.Clear();
            pieces.Add(normalizer?.Normalize(segment.Text) ?? segment.Text);
            preTokenizer?.PreTokenize(pieces, atInputStart: segment.Start == 0);
            foreach (var piece in pieces)
            {
                if (piece.Length > 0)
                {
                    model.EncodeWord(piece, ids);
                }
            }
        }

        return ids;
    }

    public string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var tokens = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            if (added.ById(id) is { } token)
            {
                if (!(skipSpecialTokens && token.Special))
                {
                    tokens.Add(token.Content);
                }
            }
            else if (model.IdToToken(id) is { } piece)
            {
                tokens.Add(piece);
            }
        }

        // Without a decoder Hugging Face joins the tokens with spaces.
        return decoder is null ? string.Join(' ', tokens) : string.Concat(decoder.DecodeChain(tokens));
    }

    public int? TokenToId(string token) => added.ByContent(token)?.Id ?? model.TokenToId(token);

    public string? IdToToken(int id) => added.ById(id)?.Content ?? model.IdToToken(id);
}
