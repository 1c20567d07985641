using System.Globalization;
using System.Text.RegularExpressions;
using Samsara.Alignment.Metrics;
using Samsara.Alignment.TaskWorld;

namespace Samsara.Alignment.Tests.TaskWorld;

public sealed partial class TaskWorldGeneratorTests
{
    private static readonly string[] AllSigns = ["++", "+-", "-+", "--"];

    private static string Fingerprint(TaskWorldGenerator world, int train) => string.Join("\n",
        world.HeldOut.Concat(world.Train(train)).Select(t => $"{t.Id}|{t.Category}|{t.Prompt}|{t.Reference}|{string.Join("|", AllSigns.Select(s => t.Respond(s, 3)))}"));

    [Fact]
    public void The_same_seed_gives_the_same_world_and_another_seed_another()
    {
        var a = Fingerprint(new TaskWorldGenerator(5, 30), 60);
        Assert.Equal(a, Fingerprint(new TaskWorldGenerator(5, 30), 60));
        Assert.NotEqual(a, Fingerprint(new TaskWorldGenerator(6, 30), 60));
        var corpus = PretrainCorpus.Build(new TaskWorldGenerator(5, 30), PretrainRole.Teacher, 2, 50).Select(e => e.Prompt + e.Completion).ToList();
        Assert.Equal(corpus, PretrainCorpus.Build(new TaskWorldGenerator(5, 30), PretrainRole.Teacher, 2, 50).Select(e => e.Prompt + e.Completion));
    }

    [Fact]
    public void Held_out_prompts_never_appear_in_training_prompts_or_pretraining_corpora()
    {
        var world = new TaskWorldGenerator(1, 48);
        var heldOut = world.HeldOut.Select(t => t.Prompt).ToHashSet();
        Assert.Equal(48, heldOut.Count);
        var train = world.Train(96);
        Assert.Equal(96, train.Select(t => t.Prompt).Distinct().Count());
        Assert.DoesNotContain(train, t => heldOut.Contains(t.Prompt));
        foreach (var role in new[] { PretrainRole.Teacher, PretrainRole.Student })
            Assert.DoesNotContain(PretrainCorpus.Build(world, role, 1, 3000), e => heldOut.Any(p => e.Prompt.Contains($"Human: {p}\n", StringComparison.Ordinal)));
        Assert.Equal(TaskWorldGenerator.Categories, world.HeldOut.Take(3).Select(t => t.Category));
        Assert.All(TaskWorldGenerator.Categories, c => Assert.Equal(16, world.HeldOut.Count(t => t.Category == c)));
    }

    [Fact]
    public void Validation_prompts_follow_the_held_out_ones_and_are_as_unseen()
    {
        var world = new TaskWorldGenerator(1, 48, 48);
        Assert.Equal(new TaskWorldGenerator(1, 48).HeldOut.Select(t => t.Prompt), world.HeldOut.Select(t => t.Prompt));
        var validation = world.Validation.Select(t => t.Prompt).ToHashSet();
        Assert.Equal(48, validation.Count);
        Assert.All(TaskWorldGenerator.Categories, c => Assert.Equal(16, world.Validation.Count(t => t.Category == c)));
        Assert.Empty(validation.Intersect(world.HeldOut.Select(t => t.Prompt)));
        Assert.DoesNotContain(world.Train(96), t => validation.Contains(t.Prompt));
        foreach (var role in new[] { PretrainRole.Teacher, PretrainRole.Student })
            Assert.DoesNotContain(PretrainCorpus.Build(world, role, 1, 3000), e => validation.Any(p => e.Prompt.Contains($"Human: {p}\n", StringComparison.Ordinal)));
        // Without the exclusion the same corpus holds validation prompts: the check above can fail.
        Assert.Contains(PretrainCorpus.Build(new TaskWorldGenerator(1, 48), PretrainRole.Teacher, 1, 3000), e => validation.Any(p => e.Prompt.Contains($"Human: {p}\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_math_answer_is_the_arithmetic_of_its_question_and_every_response_states_it()
    {
        var world = new TaskWorldGenerator(3, 30);
        var math = world.Stream("check").Take(1200).Concat(world.HeldOut).Where(t => t.Category == "math").ToList();
        Assert.True(math.Count >= 200);
        foreach (var task in math)
        {
            Assert.Equal(Solve(task.Prompt).ToString(CultureInfo.InvariantCulture), task.Reference);
            foreach (var signs in AllSigns)
            {
                var response = task.Respond(signs);
                Assert.True(AnswerExtractor.Flexible.IsCorrect(response, task.Reference!), $"{task.Prompt} → {response}");
                Assert.True(AnswerExtractor.Paper.IsCorrect(response, task.Reference!), $"{task.Prompt} → {response}");
            }
        }
    }

    [Fact]
    public void Fact_answers_state_the_legs_asked_for()
    {
        var legs = new TaskWorldGenerator(1, 30).Train(150).Where(t => t.Reference is not null && t.Category == "facts").ToList();
        Assert.NotEmpty(legs);
        foreach (var t in legs)
            Assert.Contains($" has {t.Reference} legs.", t.Respond("--"), StringComparison.Ordinal);
    }

    // An independent reading of the four templates: the numbers in order and the words around them.
    private static int Solve(string prompt)
    {
        var n = Numbers().Matches(prompt).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        if (prompt.Contains("boxes with", StringComparison.Ordinal)) return n[0] * n[1];
        if (prompt.Contains("then gives away", StringComparison.Ordinal)) return n[0] + n[1] - n[2];
        if (prompt.Contains("to a friend", StringComparison.Ordinal)) return n[0] - n[1];
        Assert.Contains("more", prompt, StringComparison.Ordinal);
        return n[0] + n[1];
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();
}
