namespace Samsara.Judging.Items;

/// <summary>
/// One question to judge: model A's and model B's responses to it. <see cref="Constitution"/> is what the
/// principle-based prompt asks about (null: the principle-free prompt is the only one that fits).
/// </summary>
public sealed record PairwiseItem(string Id, string Category, string Question, string? Constitution, string ResponseA, string ResponseB);
