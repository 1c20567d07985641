using System.Text.Json.Serialization;

namespace Samsara.Contracts;

/// <summary>What an <see cref="EvaluationTask"/> does (docs/architecture.md §3, evaluation).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationTaskKind>))]
public enum EvaluationTaskKind
{
    /// <summary>One model answers the held-out prompts (its responses.jsonl), for judging.</summary>
    Answer,

    /// <summary>pass@k of one model: n samples per accuracy question at the run's temperature.</summary>
    Accuracy,

    /// <summary>pass@1 of one model at temperature 0 (the papers' greedy pass@1), when the run samples above 0.</summary>
    GreedyAccuracy,

    /// <summary>The teacher answers the held-out prompts under all of their category's constitutions (held-out MI's data).</summary>
    TeacherAnswers,

    /// <summary>One model (or the teacher) scores the teacher's answers under each constitution: its held-out MI per prompt.</summary>
    HeldOutMi,

    /// <summary>One batch of items of one comparison under one judge.</summary>
    JudgeBatch,

    /// <summary>The report, from every other task's results; its completion is <see cref="EvaluationCompleted"/>.</summary>
    Report,
}
