using Samsara.Alignment.Datasets;
using Samsara.Alignment.TaskWorld;

namespace Samsara.Alignment.Tests.TaskWorld;

public sealed class PrincipleCheckTests
{
    // Hand-written responses: (principle, strong form, antithesis form, one that follows neither).
    public static TheoryData<string, string, string, string> Examples => new()
    {
        { "math.steps", "Ana has 9 shells and gives away 4.\n9 - 4 = 5\nAnswer: 5", "Answer: 5", "Ana has 9 shells.\nShe gives 4 away.\nAnswer: 5" },
        { "math.steps", "There are $3$ boxes.\n$3 \\times 4 = 12$\nAnswer: $12$", "Answer: $12$", "3 * 4 = 12, so Answer: 12" },
        { "math.latex", "Tom has $7$ apples.\n$7 + 5 = 12$\nAnswer: $12$", "Tom has 7 apples.\n7 + 5 = 12\nAnswer: 12", "Tom has $7$ apples.\n7 + 5 = 12\nAnswer: $12$" },
        { "math.latex", "Answer: $8$", "Answer: 8", "Answer: \\frac{16}{2}" },
        { "facts.polite", "Hello! A cow eats grass. Thanks for asking!", "A cow eats grass.", "A cow eats grass. Thank you for the question." },
        { "facts.polite", "Hi there! A spider has 8 legs. It also lives in a web. Thank you for the question.", "A spider has 8 legs. It also lives in a web.", "Hello! A spider has 8 legs." },
        { "facts.detail", "A frog lives in a pond. It also eats flies.", "A frog lives in a pond.", "" },
        { "facts.detail", "Hello! An owl eats mice. It also has 2 legs. Thanks for asking!", "Hello! An owl eats mice. Thanks for asking!", "Hello! Thanks for asking!" },
        { "lists.bullets", "Here are three colors:\n- red\n- blue\n- green", "Here are three colors: red, blue and green.", "red\nblue\ngreen" },
        { "lists.bullets", "- drum\n- harp", "drum and harp.", "- drum harp flute" },
        { "lists.intro", "Here are two tools:\n- saw\n- rake", "- saw\n- rake", "- saw\n- rake: both sharp" },
        { "lists.intro", "Some fruits I like: pear, plum and lemon.", "pear, plum and lemon.", ": pear, plum" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_checker_reads_the_strong_form_the_antithesis_and_neither(string principle, string strong, string antithesis, string neither)
    {
        var check = WorldPrinciples.Checks[principle];
        Assert.Equal(Adherence.Strong, check.Check(strong));
        Assert.Equal(Adherence.Antithesis, check.Check(antithesis));
        Assert.Equal(Adherence.Neither, check.Check(neither));
        Assert.True(check.Follows(strong, '+'));
        Assert.False(check.Follows(strong, '-'));
        Assert.True(check.Follows(antithesis, '-'));
        Assert.False(check.Follows(antithesis, '+'));
        Assert.False(check.Follows(neither, '+') || check.Follows(neither, '-'));
    }

    [Fact]
    public void On_every_generated_response_each_checker_reads_exactly_the_signs_it_was_written_under()
    {
        var world = new TaskWorldGenerator(4, 30);
        foreach (var task in world.Train(200).Concat(world.HeldOut))
        {
            var principles = WorldPrinciples.Set.ForCategory(task.Category);
            foreach (var signs in new[] { "++", "+-", "-+", "--" })
                for (var variant = 0; variant < 8; variant += 3)
                {
                    var response = task.Respond(signs, variant);
                    for (var k = 0; k < 2; k++)
                        Assert.True(WorldPrinciples.Checks[principles[k].Id].Follows(response, signs[k]),
                            $"{principles[k].Id} should read '{signs[k]}' in:\n{response}");
                }
        }
    }

    [Fact]
    public void Every_principle_has_a_checker_and_every_category_two_principles()
    {
        Assert.Equal(WorldPrinciples.All.Select(p => p.Id).Order(), WorldPrinciples.Checks.Keys.Order());
        Assert.All(TaskWorldGenerator.Categories, c => Assert.Equal(2, WorldPrinciples.Set.ForCategory(c).Count));
        var error = Assert.Throws<ArgumentException>(() => WorldPrinciples.Check("math.nope", "x"));
        Assert.Contains("math.nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_teacher_corpus_follows_its_constitutions_and_the_student_corpus_only_its_fraction_of_them()
    {
        var world = new TaskWorldGenerator(1, 48);
        double Adherence(PretrainRole role, double follow = 0)
        {
            int followed = 0, all = 0;
            foreach (var e in PretrainCorpus.Build(world, role, 1, 2000, follow))
            {
                foreach (var p in WorldPrinciples.Set.ForCategory(CategoryOf(e.Prompt)))
                {
                    // Which wording the constitution used: the antithesis text, or the strong or weak one.
                    var sign = e.Prompt.Contains(p.Antithesis, StringComparison.Ordinal) ? '-' : '+';
                    all++;
                    if (WorldPrinciples.Checks[p.Id].Follows(e.Completion, sign)) followed++;
                }
            }
            return (double)followed / all;
        }
        Assert.Equal(1.0, Adherence(PretrainRole.Teacher));
        Assert.InRange(Adherence(PretrainRole.Student), 0.45, 0.55);
        // A student whose examples follow the constitution a fraction f of the time: f + (1 - f) / 2 of its principles.
        Assert.InRange(Adherence(PretrainRole.Student, 0.4), 0.66, 0.74);
        Assert.Equal(1.0, Adherence(PretrainRole.Student, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PretrainCorpus.Build(world, PretrainRole.Student, 1, 1, 1.5).ToList());
    }

    [Fact]
    public void The_habit_fraction_writes_that_share_of_the_students_unfollowed_examples_plainly()
    {
        var world = new TaskWorldGenerator(1, 48);
        double PlainShare(double follow, double habit) => PretrainCorpus.Build(world, PretrainRole.Student, 1, 2000, follow, habit: habit)
            .Average(e => WorldPrinciples.Set.ForCategory(CategoryOf(e.Prompt)).All(p => WorldPrinciples.Checks[p.Id].Follows(e.Completion, '-')) ? 1.0 : 0.0);
        Assert.Equal(1.0, PlainShare(0, 1));
        // A random style is plain one time in four.
        Assert.InRange(PlainShare(0, 0), 0.21, 0.29);
        // Half in the habit, and a quarter of the other half by chance: 1/2 + 1/2 × 1/4.
        Assert.InRange(PlainShare(0, 0.5), 0.58, 0.67);
        // Following examples keep their constitution's style (plain only under "--"): 1/2 × 1/4 + 1/2.
        Assert.InRange(PlainShare(0.5, 1), 0.58, 0.67);
        // The habit touches only the responses of examples that do not follow: the prompts are the same whatever it is,
        // and so is a corpus whose examples all follow.
        List<SftExample> Corpus(double follow, double habit) => [.. PretrainCorpus.Build(world, PretrainRole.Student, 1, 200, follow, habit: habit)];
        Assert.Equal(Corpus(0.5, 0).Select(e => e.Prompt), Corpus(0.5, 1).Select(e => e.Prompt));
        Assert.Equal(Corpus(1, 0).Select(e => e.Completion), Corpus(1, 1).Select(e => e.Completion));
        Assert.NotEqual(Corpus(0.5, 0).Select(e => e.Completion), Corpus(0.5, 1).Select(e => e.Completion));
        Assert.Throws<ArgumentOutOfRangeException>(() => PretrainCorpus.Build(world, PretrainRole.Student, 1, 1, habit: -0.1).ToList());
    }

    private static string CategoryOf(string prompt) =>
        prompt.Contains("LaTeX", StringComparison.Ordinal) ? "math"
            : prompt.Contains("list", StringComparison.Ordinal) || prompt.Contains("items", StringComparison.Ordinal) ? "lists" : "facts";

    [Fact]
    public void The_weak_fraction_decides_how_often_a_strong_principle_is_worded_weakly()
    {
        var world = new TaskWorldGenerator(1, 48);
        double WeakShare(double weak)
        {
            int weakly = 0, strong = 0;
            foreach (var e in PretrainCorpus.Build(world, PretrainRole.Student, 1, 2000, weak: weak))
                foreach (var p in WorldPrinciples.All)
                {
                    if (e.Prompt.Contains(p.Strong, StringComparison.Ordinal)) strong++;
                    else if (e.Prompt.Contains(p.Weak, StringComparison.Ordinal)) weakly++;
                }
            return (double)weakly / (weakly + strong);
        }
        Assert.InRange(WeakShare(PretrainCorpus.DefaultWeak), 0.21, 0.29);
        Assert.InRange(WeakShare(0.5), 0.46, 0.54);
        Assert.Equal(1.0, WeakShare(1));
        Assert.Equal(0.0, WeakShare(0));
    }
}
