using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Internal;

namespace Samsara.Alignment.TaskWorld;

/// <summary>Whose pretraining text: the teacher's follows the constitution in the prompt; the student's mostly ignores it.</summary>
public enum PretrainRole
{
    Teacher,
    Student,
}

/// <summary>
/// Pretraining examples in the training prompt's layout (<see cref="TrainingPrompt"/>): a constitution of the task's
/// category (random signs, random principle order; a strong principle worded weakly a fraction <c>weak</c> of the
/// time, one in four by default, so evaluation wording is understood too), the question, and a response. For the teacher the response follows the constitution;
/// for the student it follows it only in a fraction <c>follow</c> of the examples and its style is drawn independently
/// of the constitution in the rest — the student reads the same prompts and knows the same answers, but its
/// responses carry little information about the constitution (none at <c>follow</c> = 0). A small fraction is the
/// "initial signal" the multi-task SAMI paper says SAMI needs to bootstrap from; SFT, DPO and SAMI teach the rest.
/// A fraction <c>habit</c> of the examples that do not follow are written in the student's own habit instead of a random
/// style: plain, like a base model's (every principle's antithesis side: a bare answer, only the fact, a comma list).
/// </summary>
public static class PretrainCorpus
{
    private static readonly string[] Signs = ["++", "+-", "-+", "--"];

    /// <param name="follow">The fraction of the student's examples whose response follows the constitution (0 to 1;
    /// the teacher's always do). At 0 the corpus is exactly the one drawn before this option existed.</param>
    /// <param name="weak">The fraction of strong principles worded weakly (the evaluation wording). At ¼, the
    /// default, the corpus is exactly the one drawn before this option existed.</param>
    /// <param name="habit">The fraction of the student's examples that do not follow the constitution written in its
    /// plain habit (<see cref="Habit"/>) rather than a random style. At 0 the corpus is exactly the one drawn before
    /// this option existed.</param>
    public static IEnumerable<SftExample> Build(TaskWorldGenerator world, PretrainRole role, ulong seed, int count, double follow = 0, double weak = DefaultWeak, double habit = 0)
    {
        if (!(follow is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(follow), follow, "the student's follow fraction must be between 0 and 1");
        if (!(weak is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(weak), weak, "the weak-wording fraction must be between 0 and 1");
        if (!(habit is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(habit), habit, "the student's habit fraction must be between 0 and 1");
        var purpose = role.ToString().ToLowerInvariant();
        var index = 0;
        foreach (var task in world.Stream(purpose).Take(count))
        {
            var random = SeededRandom.For(seed, $"pretrain:{purpose}", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var signs = Signs[random.NextBelow(Signs.Length)];
            var constitution = Write(WorldPrinciples.Set.ForCategory(task.Category), signs, weak, random);
            var responseSigns = role == PretrainRole.Teacher || Draw(follow, random) ? signs
                : Draw(habit, random) ? Habit : Signs[random.NextBelow(Signs.Length)];
            yield return new SftExample($"{purpose}-{index++}", TrainingPrompt.Format(constitution, task.Prompt), task.Respond(responseSigns, random.NextBelow(8)));
        }
    }

    public const double DefaultWeak = 0.25;

    /// <summary>The student's plain habit: the antithesis side of both of its category's principles.</summary>
    public const string Habit = "--";

    // No draw at all when the fraction is 0, so that a corpus drawn without the option is unchanged by it.
    private static bool Draw(double fraction, SeededRandom random) => fraction > 0 && Uniform(random) < fraction;

    // Uniform(random) < k/n exactly when random.NextBelow(n) < k would have been (both compare the draw's top bits), so
    // a weak fraction of ¼ draws the same wordings as the NextBelow(4) == 0 this replaced.
    private static double Uniform(SeededRandom random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static string Write(IReadOnlyList<Principle> principles, string signs, double weak, SeededRandom random)
    {
        var order = random.Shuffled(Enumerable.Range(0, principles.Count).ToArray());
        return Constitution.Number(order.Select(k => signs[k] == Constitution.Antithesis ? principles[k].Antithesis
            : Uniform(random) < weak ? principles[k].Weak : principles[k].Strong));
    }
}
