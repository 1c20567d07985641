using System.Text.Json.Nodes;
using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>`samsara eval` as a user runs it: a tiny random model on real GSM8K lines.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string model;

    public EvalCommandTests()
    {
        var config = TinyModels.Config();
        // GSM8K questions run to several hundred bytes, and the byte tokenizer spends a token on each.
        config["max_position_embeddings"] = 1024;
        model = TinyModels.Create(dir.File("model"), config);
    }

    public void Dispose() => dir.Dispose();

    /// <summary>The first lines of the real GSM8K test set, for the test that checks its references.</summary>
    private string Gsm8kLines(int count) => Write(File.ReadLines(TestData.File("gsm8k/test.jsonl")).Take(count));

    /// <summary>One GSM8K-format line written for the tests, for those about bad input around it.</summary>
    private string OneQuestion() => Write(MathQuestions.Lines.Take(1));

    private string Write(IEnumerable<string> lines)
    {
        var path = dir.File("gsm8k.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [DataFact]
    public void Writes_n_samples_per_question_and_pass_at_k_per_extractor()
    {
        var output = dir.File("eval");
        var run = SamsaraProcess.Run("eval", "--model", model, "--data", Gsm8kLines(3), "--out", output,
            "--n", "2", "--k", "1,2", "--temperature", "1", "--max-new-tokens", "8", "--seed", "4");
        Assert.True(run.ExitCode == 0, run.Stderr);

        var samples = File.ReadAllLines(Path.Combine(output, "samples.jsonl")).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(6, samples.Length);
        Assert.Equal(["1", "1", "2", "2", "3", "3"], samples.Select(s => s["id"]!.GetValue<string>()));
        Assert.Equal(["18", "18", "3", "3", "70000", "70000"], samples.Select(s => s["reference"]!.GetValue<string>()));
        foreach (var s in samples)
            foreach (var extractor in new[] { "strict", "flexible", "paper" })
            {
                Assert.True(s["answers"]!.AsObject().ContainsKey(extractor));
                Assert.IsType<bool>(s["correct"]![extractor]!.GetValue<bool>());
            }

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "eval.json")))!;
        Assert.Equal(3, report["questions"]!.GetValue<int>());
        Assert.Equal(2, report["n"]!.GetValue<int>());
        Assert.Equal(1.0, report["temperature"]!.GetValue<double>());
        Assert.Equal("[1,2]", report["k"]!.ToJsonString());
        foreach (var extractor in new[] { "strict", "flexible", "paper" })
            foreach (var k in new[] { "1", "2" })
                Assert.InRange(report["pass_at_k"]![extractor]![k]!.GetValue<double>(), 0.0, 1.0);
        Assert.Contains("pass@2:", run.Stdout);
        Assert.Contains("6/6 samples", run.Stderr);   // the progress line
    }

    [Fact]
    public void Prompt_lines_are_used_as_is_and_limit_takes_the_first_questions()
    {
        var data = dir.File("prompts.jsonl");
        File.WriteAllText(data, """
            {"id": "x", "prompt": "2+2=", "reference": "4"}
            {"id": "y", "prompt": "3+3=", "reference": 6}
            {"id": "z", "prompt": "never read", "reference": "not even a number"}
            """);
        var output = dir.File("eval");
        var run = SamsaraProcess.Run("eval", "--model", model, "--data", data, "--out", output, "--limit", "2", "--max-new-tokens", "4");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var samples = File.ReadAllLines(Path.Combine(output, "samples.jsonl")).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["x", "y"], samples.Select(s => s["id"]!.GetValue<string>()));
        Assert.Equal([0, 0], samples.Select(s => s["sample"]!.GetValue<int>()));
        Assert.Equal("[1]", JsonNode.Parse(File.ReadAllText(Path.Combine(output, "eval.json")))!["k"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{not json}", "gsm8k.jsonl:2: not valid JSON")]
    [InlineData("{\"question\": \"How many?\", \"answer\": \"no final line\"}", "gsm8k.jsonl:2: field \"answer\" has no \"#### N\" line")]
    [InlineData("{\"id\": \"q\", \"prompt\": \"p\", \"reference\": \"Paris\"}", "gsm8k.jsonl:2: field \"reference\" must be a number")]
    public void A_malformed_data_line_is_reported_by_file_and_line(string badLine, string expected)
    {
        var data = OneQuestion();
        File.AppendAllText(data, badLine + "\n");
        var output = dir.File("eval");
        var run = SamsaraProcess.Run("eval", "--model", model, "--data", data, "--out", output, "--max-new-tokens", "4");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);   // a message, not a stack trace
        Assert.False(File.Exists(Path.Combine(output, "samples.jsonl")));
    }

    [Theory]
    [InlineData("--k", "3", "pass@3 needs at least 3 samples per question")]
    [InlineData("--k", "1,x", "--k 1,x: 'x' is not a whole number")]
    [InlineData("--limit", "0", "--limit must be at least 1")]
    public void Impossible_settings_are_refused(string option, string value, string expected)
    {
        var run = SamsaraProcess.Run("eval", "--model", model, "--data", OneQuestion(), "--out", dir.File("eval"), "--n", "2", option, value);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
    }
}
