namespace Samsara.Engine.Generation;

/// <summary>One generated response: its text (without EOS or the stop string), its token ids, and why it ended.</summary>
public sealed record Completion(string Text, IReadOnlyList<int> TokenIds, FinishReason FinishReason);
