namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// A token matched in the raw text before any normalization or BPE (an entry of tokenizer.json's
/// <c>added_tokens</c>). Special ones are what <c>skipSpecialTokens</c> drops when decoding.
/// </summary>
/// <param name="SingleWord">Only matches where it is not part of a longer word.</param>
/// <param name="LStrip">Swallows the whitespace before it.</param>
/// <param name="RStrip">Swallows the whitespace after it.</param>
internal sealed record AddedToken(
    int Id, string Content, bool Special, bool SingleWord = false, bool LStrip = false, bool RStrip = false);
