using Samsara.Alignment.Internal;
using Samsara.Alignment.TaskWorld.Internal;

namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// Samsara's own checkable task world (issue 7): math word problems with exact answers, animal facts and list
/// requests, generated from a seed. Tasks are drawn per (seed, split, index), so the n-th task of a split is the
/// same whatever else is drawn. The held-out split comes first and the training split skips every prompt text the
/// held-out split holds: a held-out prompt is never seen in pretraining or training. The validation prompts continue
/// the held-out draw (the first held-out prompts are the same whatever the validation count), so they too are unseen
/// by pretraining and training: settings chosen on them are chosen on prompts the models improvise on, as on the
/// held-out ones (docs/sami-study.md §8 measured what choosing on memorised training prompts does).
/// </summary>
public sealed class TaskWorldGenerator
{
    public const string TrainSplit = "train";
    public const string HeldOutSplit = "heldout";

    /// <summary>The categories in the order tasks cycle through them.</summary>
    public static IReadOnlyList<string> Categories { get; } = [MathProblems.Category, AnimalFacts.Category, ListRequests.Category];

    /// <summary>
    /// The world examples/task-world and the committed tiny models were drawn from, and the CLI's defaults: 96
    /// held-out and 96 validation prompts (32 a category), so that win rates' 95 % intervals are 1/√2 as wide as with
    /// 48 (docs/sami-study.md §11).
    /// </summary>
    public const ulong CommittedSeed = 2;
    public const int CommittedHeldOut = 96;
    public const int CommittedValidation = 96;

    private readonly HashSet<string> heldOutPrompts;

    public TaskWorldGenerator(ulong seed, int heldOutCount, int validationCount = 0)
    {
        if (heldOutCount < 0) throw new ArgumentException($"the held-out split needs a count ≥ 0, not {heldOutCount}");
        if (validationCount < 0) throw new ArgumentException($"the validation split needs a count ≥ 0, not {validationCount}");
        Seed = seed;
        var unseen = Distinct(HeldOutSplit, heldOutCount + validationCount, _ => false);
        HeldOut = unseen[..heldOutCount];
        Validation = unseen[heldOutCount..];
        heldOutPrompts = unseen.Select(t => t.Prompt).ToHashSet(StringComparer.Ordinal);
    }

    public ulong Seed { get; }

    /// <summary>Held-out tasks, distinct prompt texts, the categories in turn.</summary>
    public IReadOnlyList<WorldTask> HeldOut { get; }

    /// <summary>Validation tasks: the held-out draw's next ones, as unseen as the held-out tasks, for choosing settings.</summary>
    public IReadOnlyList<WorldTask> Validation { get; }

    /// <summary>The first <paramref name="count"/> training tasks with distinct prompts (the pipeline's training prompts).</summary>
    public IReadOnlyList<WorldTask> Train(int count) => Distinct(TrainSplit, count, heldOutPrompts.Contains);

    /// <summary>
    /// Training-split tasks for pretraining, repeats allowed (the world has fewer distinct facts and lists than a
    /// corpus has examples); <paramref name="purpose"/> keys an independent stream, so each corpus draws its own.
    /// </summary>
    public IEnumerable<WorldTask> Stream(string purpose)
    {
        for (var i = 0L; ; i++)
        {
            var task = Draw($"{TrainSplit}:{purpose}", i);
            if (!heldOutPrompts.Contains(task.Prompt)) yield return task;
        }
    }

    private List<WorldTask> Distinct(string split, int count, Func<string, bool> excluded)
    {
        var tasks = new List<WorldTask>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // The small categories run out of distinct prompts long before math does; give up rather than loop forever.
        for (var i = 0L; tasks.Count < count; i++)
        {
            if (i > 1000L * (count + 10))
                throw new ArgumentException($"the task world has too few distinct prompts for a {split} split of {count}");
            var task = Draw(split, i, $"{split}-{tasks.Count:D5}", Categories[tasks.Count % Categories.Count]);
            if (!excluded(task.Prompt) && seen.Add(task.Prompt)) tasks.Add(task);
        }
        return tasks;
    }

    private WorldTask Draw(string split, long index) => Draw(split, index, $"{split}-{index}", Categories[(int)(index % Categories.Count)]);

    private WorldTask Draw(string split, long index, string id, string category)
    {
        var random = SeededRandom.For(Seed, $"task-world:{split}", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return category switch
        {
            MathProblems.Category => MathProblems.Create(random, id),
            AnimalFacts.Category => AnimalFacts.Create(random, id),
            _ => ListRequests.Create(random, id),
        };
    }
}
