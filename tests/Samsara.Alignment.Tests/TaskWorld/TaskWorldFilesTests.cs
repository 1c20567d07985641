using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Metrics;
using Samsara.Alignment.TaskWorld;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Tests.TaskWorld;

public sealed class TaskWorldFilesTests
{
    [Fact]
    public void The_exported_files_are_read_by_the_pipelines_own_readers()
    {
        using var dir = new TempDirectory();
        var world = new TaskWorldGenerator(1, 48, 24);
        TaskWorldFiles.Write(world, 96, dir.Path);

        var principles = PrincipleSet.Load(dir.File(TaskWorldFiles.Principles));
        Assert.Equal(WorldPrinciples.All.Select(p => p.Id), principles.Principles.Select(p => p.Id));
        var train = QueryFile.Read(dir.File(TaskWorldFiles.TrainPrompts), principles);
        var heldOut = QueryFile.Read(dir.File(TaskWorldFiles.HeldOutPrompts), principles);
        Assert.Equal(96, train.Count);
        Assert.Equal(world.HeldOut.Select(t => t.Prompt), heldOut.Select(q => q.Prompt));
        Assert.Empty(train.Select(q => q.Prompt).Intersect(heldOut.Select(q => q.Prompt)));
        var validation = QueryFile.Read(dir.File(TaskWorldFiles.ValidationPrompts), principles);
        Assert.Equal(world.Validation.Select(t => t.Prompt), validation.Select(q => q.Prompt));
        Assert.Equal(24, validation.Count);

        var accuracy = Jsonl.Read(dir.File(TaskWorldFiles.HeldOutAccuracy)).Select(EvalQuestion.FromRecord).ToList();
        Assert.Equal(world.HeldOut.Count(t => t.Category == "math"), accuracy.Count);
        foreach (var q in accuracy)
        {
            var task = world.HeldOut.Single(t => t.Id == q.Id);
            Assert.Equal(task.Reference, q.Reference);
            // The model input: the evaluation (weak) constitution, then the question, in the training prompt's layout.
            Assert.StartsWith("Assistant System Instructions: 1. ", q.Prompt, StringComparison.Ordinal);
            Assert.Contains("Show your steps.", q.Prompt, StringComparison.Ordinal);
            Assert.EndsWith($"Human: {task.Prompt}\n\nAssistant:", q.Prompt, StringComparison.Ordinal);
        }
    }
}
