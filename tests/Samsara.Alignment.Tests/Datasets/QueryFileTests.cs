using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Tests.Datasets;

public sealed class QueryFileTests
{
    private static IReadOnlyList<Query> Read(TempDirectory dir, string contents)
    {
        var path = dir.File("prompts.jsonl");
        File.WriteAllText(path, contents);
        return QueryFile.Read(path, PrincipleSet.Default);
    }

    [Fact]
    public void Reads_id_category_and_prompt_and_keeps_the_whole_line()
    {
        using var dir = new TempDirectory();
        var queries = Read(dir, "{\"id\": 3, \"category\": \"Math\", \"prompt\": \"2+2?\", \"reference\": \"4\"}\n");
        Assert.Equal(("3", "Math", "2+2?"), (queries[0].Id, queries[0].Category, queries[0].Prompt));
        Assert.Equal("4", queries[0].Source.Object["reference"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"category\": \"math\", \"prompt\": \"x\"}\n{\"id\": \"a\", \"category\": \"stem\", \"prompt\": \"y\"}\n",
        "prompts.jsonl:2: id \"a\" was already used on line 1")]
    [InlineData("{\"id\": \"a\", \"category\": \"cooking\", \"prompt\": \"x\"}\n",
        "prompts.jsonl:1: category \"cooking\" has no principles in default principles (it has: coding, extraction, humanities, math")]
    [InlineData("{\"id\": \"a\", \"prompt\": \"x\"}\n", "prompts.jsonl:1: field \"category\" must be a string (it is missing)")]
    public void Problems_are_named_by_line(string contents, string expected)
    {
        using var dir = new TempDirectory();
        Assert.Contains(expected, Assert.Throws<JsonlException>(() => Read(dir, contents)).Message);
    }
}
