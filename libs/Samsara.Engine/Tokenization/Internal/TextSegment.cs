namespace Samsara.Engine.Tokenization.Internal;

/// <summary>A piece of the input: either plain text for the BPE pipeline, or one matched added token.</summary>
/// <param name="Start">Offset in the original text, which Metaspace's "first" prepend scheme needs.</param>
internal readonly record struct TextSegment(int Start, string Text, AddedToken? Added);
