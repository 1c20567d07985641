using Samsara.Alignment.Datasets;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Tests.Datasets;

public sealed class DatasetReaderTests
{
    private const string GoodSami = """{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", "c2"], "responses": ["r1", "r2"]}""";

    private static string Error(Func<string, object> read, string contents)
    {
        using var dir = new TempDirectory();
        var path = dir.File("data.jsonl");
        File.WriteAllText(path, contents);
        var e = Assert.Throws<JsonlException>(() => read(path));
        Assert.StartsWith(path, e.Message);
        return e.Message;
    }

    [Fact]
    public void Sami_reads_without_finish_reasons_or_signs()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sami.jsonl");
        File.WriteAllText(path, GoodSami + "\n\n" + GoodSami.Replace("\"a\"", "7", StringComparison.Ordinal) + "\n");
        var examples = DatasetReader.ReadSami(path);
        Assert.Equal(["a", "7"], examples.Select(e => e.Id));
        Assert.Equal(["r1", "r2"], examples[0].Responses);
    }

    [Theory]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", "c2"], "responses": ["r1"]}""",
        "data.jsonl:2: 2 constitutions but 1 responses")]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1"], "responses": ["r1"]}""",
        "data.jsonl:2: 1 constitution(s); SAMI contrasts at least 2")]
    [InlineData("""{"id": "a", "category": "math", "constitutions": ["c1", "c2"], "responses": ["r1", "r2"]}""",
        "data.jsonl:2: field \"prompt\" must be a string (it is missing)")]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", 2], "responses": ["r1", "r2"]}""",
        "data.jsonl:2: field \"constitutions\"[1] must be a string")]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": "c1", "responses": ["r1", "r2"]}""",
        "data.jsonl:2: field \"constitutions\" must be a list of strings")]
    [InlineData("{\"id\": \"a\", broken", "data.jsonl:2: not valid JSON")]
    public void Sami_errors_name_file_line_and_field(string secondLine, string expected) =>
        Assert.Contains(expected, Error(DatasetReader.ReadSami, GoodSami + "\n" + secondLine + "\n"));

    [Theory]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", "c2"], "responses": ["r1", "r2"], "finish_reasons": ["eos"]}""",
        "data.jsonl:1: 2 constitutions but 1 finish_reasons")]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", "c2"], "responses": ["r1", "r2"], "finish_reasons": ["eos", "timeout"]}""",
        "data.jsonl:1: finish reason \"timeout\" is not one of eos, stop, length")]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", "c2"], "responses": ["r1", "r2"], "finish_reasons": ["eos", "eos"], "signs": ["++", "-"]}""",
        "data.jsonl:1: sign \"-\" must be '+'/'-' per principle, as long as the others")]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", "c2"], "responses": ["r1", "r2"], "finish_reasons": ["eos", "eos"], "signs": ["++"]}""",
        "data.jsonl:1: 2 constitutions but 1 signs")]
    [InlineData("""{"id": "a", "category": "math", "prompt": "q", "constitutions": ["c1", "c2"], "responses": ["r1", "r2"]}""",
        "data.jsonl:1: field \"finish_reasons\" must be a list of strings (it is missing)")]
    public void Generation_lines_are_checked_for_matching_lists(string line, string expected) =>
        Assert.Contains(expected, Error(DatasetReader.ReadGenerations, line + "\n"));

    [Fact]
    public void Sft_and_preference_files_name_the_missing_field()
    {
        Assert.Contains("data.jsonl:1: field \"completion\" must be a string (it is missing)",
            Error(DatasetReader.ReadSft, "{\"id\": 1, \"prompt\": \"p\", \"response\": \"r\"}\n"));
        Assert.Contains("data.jsonl:2: field \"rejected\" must be a string (it is missing)",
            Error(DatasetReader.ReadPreferences, "{\"id\": 1, \"prompt\": \"p\", \"chosen\": \"c\", \"rejected\": \"r\"}\n{\"id\": 2, \"prompt\": \"p\", \"chosen\": \"c\"}\n"));
    }

    [Fact]
    public void An_empty_dataset_is_an_error_for_every_reader()
    {
        foreach (var read in new Func<string, object>[] { DatasetReader.ReadSami, DatasetReader.ReadSft, DatasetReader.ReadPreferences, DatasetReader.ReadGenerations })
            Assert.Contains("data.jsonl: no examples", Error(read, "\n  \n"));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var dir = new TempDirectory();
        Assert.Contains($"{dir.File("nope.jsonl")}: file not found", Assert.Throws<JsonlException>(() => DatasetReader.ReadSft(dir.File("nope.jsonl"))).Message);
    }
}
