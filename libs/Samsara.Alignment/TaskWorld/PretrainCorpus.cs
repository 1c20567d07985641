using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Internal;

namespace Samsara.Alignment.TaskWorld;

/// <summary>Whose pretraining text: the teacher's follows the constitution in the prompt; the student's ignores it.</summary>
public enum PretrainRole
{
    Teacher,
    Student,
}

/// <summary>
/// Pretraining examples in the training prompt's layout (<see cref="TrainingPrompt"/>): a constitution of the task's
/// category (random signs, random principle order; a strong principle worded weakly one time in four so evaluation
/// wording is understood too), the question, and a response. For the teacher the response follows the constitution;
/// for the student its style is drawn independently of it — the student reads the same prompts and knows the same
/// answers, but its responses carry no information about the constitution (mutual information zero), which is what
/// SFT, DPO and SAMI then have to teach.
/// </summary>
public static class PretrainCorpus
{
    private static readonly string[] Signs = ["++", "+-", "-+", "--"];

    public static IEnumerable<SftExample> Build(TaskWorldGenerator world, PretrainRole role, ulong seed, int count)
    {
        var purpose = role.ToString().ToLowerInvariant();
        var index = 0;
        foreach (var task in world.Stream(purpose).Take(count))
        {
            var random = SeededRandom.For(seed, $"pretrain:{purpose}", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var signs = Signs[random.NextBelow(Signs.Length)];
            var constitution = Write(WorldPrinciples.Set.ForCategory(task.Category), signs, random);
            var responseSigns = role == PretrainRole.Teacher ? signs : Signs[random.NextBelow(Signs.Length)];
            yield return new SftExample($"{purpose}-{index++}", TrainingPrompt.Format(constitution, task.Prompt), task.Respond(responseSigns, random.NextBelow(8)));
        }
    }

    private static string Write(IReadOnlyList<Principle> principles, string signs, SeededRandom random)
    {
        var order = random.Shuffled(Enumerable.Range(0, principles.Count).ToArray());
        return Constitution.Number(order.Select(k => signs[k] == Constitution.Antithesis ? principles[k].Antithesis
            : random.NextBelow(4) == 0 ? principles[k].Weak : principles[k].Strong));
    }
}
