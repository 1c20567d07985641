using Samsara.Engine.Data;
using Samsara.Judging.Items;
using Samsara.Judging.Tests.Support;

namespace Samsara.Judging.Tests;

public sealed class AnswerSetTests
{
    [DataFact]
    public void Reads_the_papers_results_file_as_it_is()
    {
        var sami = AnswerSetReader.Read(PaperData.Sami);
        Assert.Equal("responses_SAMI-epoch-0.2-wBJc5j", sami.Model);
        Assert.Equal(80, sami.Answers.Count);
        Assert.All(sami.Answers.GroupBy(a => a.Category), g => Assert.Equal(10, g.Count()));
        Assert.Equal(8, sami.Answers.Select(a => a.Category).Distinct().Count());
        Assert.All(sami.Answers, a => Assert.StartsWith("1. ", a.Constitution, StringComparison.Ordinal));
        Assert.Equal(80, PairwiseItems.Pair(sami, AnswerSetReader.Read(PaperData.Sft)).Count);
    }

    [Fact]
    public void Reads_answer_lines_and_one_response_generation_lines()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.jsonl"), """
            {"id": 1, "category": "math", "prompt": "2+2?", "response": "4"}
            {"id": "q2", "category": "math", "question": "3+3?", "response": "6", "constitution": "1. Be brief."}
            {"id": "q3", "category": "math", "prompt": "4+4?", "constitutions": ["1. Be brief."], "responses": ["8"], "finish_reasons": ["eos"]}
            """);
        var set = AnswerSetReader.Read(dir.File("a.jsonl"));
        Assert.Equal(["1", "q2", "q3"], set.Answers.Select(a => a.Id));
        Assert.Equal([null, "1. Be brief.", "1. Be brief."], set.Answers.Select(a => a.Constitution));
        Assert.Equal(["4", "6", "8"], set.Answers.Select(a => a.Response));
    }

    [Theory]
    [InlineData("", "no answers (the file is empty)")]
    [InlineData("\n\n", "no answers (the file is empty)")]
    [InlineData("{\"id\":\"1\",\"category\":\"math\",\"prompt\":\"p\",\"response\":\"r\"}\n{\"id\":\"1\",\"category\":\"math\",\"prompt\":\"p\",\"response\":\"s\"}", "id '1' appears 2 times")]
    [InlineData("{\"id\":\"1\",\"category\":\"math\",\"prompt\":\"p\",\"responses\":[\"a\",\"b\"]}", "2 responses; judging compares one")]
    [InlineData("{\"id\":\"1\",\"category\":\"math\",\"prompt\":\"p\"}", "expected a \"response\" string")]
    [InlineData("{\"id\":\"1\",\"prompt\":\"p\",\"response\":\"r\"}", "field \"category\" must be a string")]
    [InlineData("not json", "not valid JSON")]
    public void Bad_files_are_errors_naming_the_problem(string text, string problem)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.jsonl"), text);
        var e = Assert.Throws<JsonlException>(() => AnswerSetReader.Read(dir.File("bad.jsonl")));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named() =>
        Assert.Contains("no-such.jsonl: file not found", Assert.Throws<JsonlException>(() => AnswerSetReader.Read("/tmp/no-such.jsonl")).Message, StringComparison.Ordinal);

    [Fact]
    public void Ids_that_do_not_match_are_listed_on_both_sides()
    {
        var a = Set("a", ("1", "q1"), ("2", "q2"), ("3", "q3"));
        var b = Set("b", ("2", "q2"), ("3", "q3"), ("4", "q4"));
        var e = Assert.Throws<ArgumentException>(() => PairwiseItems.Pair(a, b));
        Assert.Contains("1 ('1') only in A, 1 ('4') only in B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_id_with_another_question_or_category_is_refused()
    {
        Assert.Contains("different questions", Assert.Throws<ArgumentException>(() => PairwiseItems.Pair(Set("a", ("1", "q1")), Set("b", ("1", "other")))).Message,
            StringComparison.Ordinal);
        var b = new AnswerSet("b", "b", [new Answer("1", "coding", "q1", null, "r")]);
        Assert.Contains("category 'math'", Assert.Throws<ArgumentException>(() => PairwiseItems.Pair(Set("a", ("1", "q1")), b)).Message, StringComparison.Ordinal);
    }

    private static AnswerSet Set(string name, params (string Id, string Question)[] answers) =>
        new(name, name, answers.Select(x => new Answer(x.Id, "math", x.Question, null, "r")).ToList());
}
