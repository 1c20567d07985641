namespace Samsara.Judging.Items;

/// <summary>A model's answers, read from one file; <see cref="Model"/> names the model in judgements (the file's stem).</summary>
public sealed record AnswerSet(string Model, string Source, IReadOnlyList<Answer> Answers);
