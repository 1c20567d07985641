namespace Samsara.Engine.Tokenization;

/// <summary>
/// Text to token ids and back, as a Hugging Face tokenizer does it. Encode never adds BOS/EOS: the caller
/// decides where a sequence starts and ends (chat templates, DPO pairs and SAMI prompts all differ), so the
/// ids are exposed instead.
/// </summary>
public interface ITokenizer
{
    /// <summary>Max id + 1 over the model vocabulary and the added (special) tokens.</summary>
    int VocabSize { get; }

    int? BosId { get; }

    int? EosId { get; }

    int? PadId { get; }

    /// <summary>
    /// Token ids for <paramref name="text"/>. Added tokens (such as <c>&lt;/s&gt;</c>) written literally in the
    /// text become their own id, as Hugging Face tokenizers do; BOS/EOS are never added.
    /// </summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>Text for <paramref name="ids"/>; ids the tokenizer does not know are left out, as Hugging Face does.</summary>
    string Decode(IReadOnlyList<int> ids, bool skipSpecialTokens = false);

    int? TokenToId(string token);

    string? IdToToken(int id);
}
