using System.CommandLine;
using Samsara.Alignment.TaskWorld;

namespace Samsara.Cli.Commands;

/// <summary>`samsara world`: writes the seeded task world's principles and prompt splits in the pipeline's formats.</summary>
internal static class WorldCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Directory for principles.json, train-prompts.jsonl, heldout-prompts.jsonl, heldout-accuracy.jsonl, validation-prompts.jsonl", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "World seed (the committed models were pretrained on its default)", DefaultValueFactory = _ => TaskWorldGenerator.CommittedSeed };
        var train = new Option<int>("--train") { Description = "Training prompts (distinct, categories in turn)", DefaultValueFactory = _ => 96 };
        var heldOut = new Option<int>("--heldout") { Description = "Held-out prompts (never in pretraining or training)", DefaultValueFactory = _ => TaskWorldGenerator.CommittedHeldOut };
        var validation = new Option<int>("--validation") { Description = "Validation prompts for choosing settings (never in pretraining or training either)", DefaultValueFactory = _ => TaskWorldGenerator.CommittedValidation };
        var command = new Command("world", "Write the task world (math, facts, lists; 2 checkable principles each)") { output, seed, train, heldOut, validation };
        command.SetAction(parse =>
        {
            var world = new TaskWorldGenerator(parse.GetValue(seed), parse.GetValue(heldOut), parse.GetValue(validation));
            var count = parse.GetValue(train);
            if (count < 1) throw new ArgumentException($"--train must be at least 1, not {count}");
            TaskWorldFiles.Write(world, count, parse.GetRequiredValue(output));
            Console.WriteLine($"wrote {parse.GetRequiredValue(output)}: {count} training, {world.HeldOut.Count} held-out and {world.Validation.Count} validation prompts, {WorldPrinciples.All.Count} principles");
            return 0;
        });
        return command;
    }
}
