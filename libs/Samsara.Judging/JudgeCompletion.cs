namespace Samsara.Judging;

/// <summary>
/// What a judge model answered: its text and, when the backend reports them, the tokens it used (for per-run
/// accounting; null when unknown).
/// </summary>
public sealed record JudgeCompletion(string Text, int? PromptTokens = null, int? CompletionTokens = null);
