namespace Samsara.Engine.Tokenization.Internal;

/// <summary>The per-model switches of a Hugging Face BPE model that change how a word is encoded.</summary>
/// <param name="UnkId">Id for a character the vocabulary lacks; without one such characters are dropped, as Hugging Face does.</param>
/// <param name="FuseUnk">Consecutive unknown characters become a single unknown id (Llama 2).</param>
/// <param name="ByteFallback">Unknown characters become their UTF-8 bytes as <c>&lt;0xNN&gt;</c> tokens (SentencePiece).</param>
/// <param name="IgnoreMerges">A word already in the vocabulary is taken whole, skipping the merges (Llama 3).</param>
internal sealed record BpeOptions(int? UnkId, bool FuseUnk, bool ByteFallback, bool IgnoreMerges)
{
    public static BpeOptions Plain { get; } = new(null, false, false, false);
}
