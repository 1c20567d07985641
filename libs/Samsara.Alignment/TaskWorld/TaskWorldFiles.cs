using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Engine;
using Samsara.Engine.Data;

namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// Writes the task world in the formats the pipeline reads (docs/architecture.md §9):
/// <c>principles.json</c> (Samsara's principles format), <c>train-prompts.jsonl</c>, <c>heldout-prompts.jsonl</c> and
/// <c>validation-prompts.jsonl</c> (<c>{"id","category","prompt","reference"?}</c>, the question alone), and <c>heldout-accuracy.jsonl</c>: the
/// held-out math questions as complete model inputs under the category's evaluation constitution (weak wording),
/// <c>{"id","category","prompt","reference"}</c>, for pass@k.
/// </summary>
public static class TaskWorldFiles
{
    public const string Principles = "principles.json";
    public const string TrainPrompts = "train-prompts.jsonl";
    public const string HeldOutPrompts = "heldout-prompts.jsonl";
    public const string HeldOutAccuracy = "heldout-accuracy.jsonl";
    public const string ValidationPrompts = "validation-prompts.jsonl";

    public static void Write(TaskWorldGenerator world, int trainCount, string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, Principles), WorldPrinciples.ToJsonText());
        Jsonl.Write(Path.Combine(directory, TrainPrompts), world.Train(trainCount).Select(PromptLine));
        Jsonl.Write(Path.Combine(directory, HeldOutPrompts), world.HeldOut.Select(PromptLine));
        var validation = Path.Combine(directory, ValidationPrompts);
        if (world.Validation.Count > 0)
            Jsonl.Write(validation, world.Validation.Select(PromptLine));
        else
            File.Delete(validation);
        var sampler = new ConstitutionSampler(WorldPrinciples.Set, world.Seed);
        Jsonl.Write(Path.Combine(directory, HeldOutAccuracy), world.HeldOut.Where(t => t.Category == "math").Select(t =>
        {
            var line = PromptLine(t);
            line["prompt"] = TrainingPrompt.Format(sampler.Evaluation(t.Id, t.Category).Text, t.Prompt);
            return line;
        }));
    }

    private static JsonObject PromptLine(WorldTask task)
    {
        var line = new JsonObject { ["id"] = task.Id, ["category"] = task.Category, ["prompt"] = task.Prompt };
        if (task.Reference is not null) line["reference"] = task.Reference;
        return line;
    }
}
