using System.Text.Json.Nodes;

namespace Samsara.Cli.Tests;

/// <summary>`samsara generate --constitutions`: generation lines under sampled constitutions, appended and resumable.</summary>
public sealed class PrincipledGenerateCliTests : IDisposable
{
    private static readonly string[] AllSigns = ["++", "+-", "-+", "--"];
    private static readonly string[] FinishReasons = ["eos", "stop", "length"];

    private readonly string dir = Directory.CreateTempSubdirectory("samsara-cli-gen-").FullName;
    private readonly string model;
    private readonly string prompts;

    public PrincipledGenerateCliTests()
    {
        model = Path.Combine(dir, "model");
        // The generation prompt with a constitution is about 1,200 byte tokens: a long context, a tiny model.
        var config = Write("config.json", """
            {"tokenizer": "byte", "vocab_size": 259, "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1,
             "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 2048,
             "bos_token_id": 256, "eos_token_id": 257, "pad_token_id": 258, "initializer_range": 0.2}
            """);
        var init = SamsaraProcess.Run("init-model", "--config", config, "--out", model, "--seed", "5");
        Assert.True(init.ExitCode == 0, init.Stderr);
        prompts = Write("prompts.jsonl", """
            {"id": "q1", "category": "math", "prompt": "What is 2+2?", "reference": "4"}
            {"id": "q2", "category": "writing", "prompt": "Write a haiku about rain."}
            {"id": "q3", "category": "coding", "prompt": "Reverse a list in Python."}
            """);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string contents)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, contents);
        return path;
    }

    private SamsaraProcess.Result Generate(string output, params string[] extra) =>
        SamsaraProcess.Run(["generate", "--model", model, "--prompts", prompts, "--out", output, "--constitutions", "default",
            "--max-new-tokens", "8", "--temperature", "0", "--seed", "3", .. extra]);

    private static JsonNode[] Lines(string path) => File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!).ToArray();

    private static string[] Strings(JsonNode line, string field) => line[field]!.AsArray().Select(x => x!.GetValue<string>()).ToArray();

    [Fact]
    public void Writes_a_generation_line_per_prompt_with_four_constitutions()
    {
        var output = Path.Combine(dir, "gen.jsonl");
        var run = Generate(output, "--per-prompt", "4");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("3/3 prompts", run.Stderr);

        var lines = Lines(output);
        Assert.Equal(["q1", "q2", "q3"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.Equal(["math", "writing", "coding"], lines.Select(l => l["category"]!.GetValue<string>()));
        Assert.Equal("What is 2+2?", lines[0]["prompt"]!.GetValue<string>());
        Assert.Equal("4", lines[0]["reference"]!.GetValue<string>());   // other prompt fields travel on
        foreach (var line in lines)
        {
            var constitutions = Strings(line, "constitutions");
            Assert.Equal(4, constitutions.Distinct().Count());
            Assert.All(constitutions, c => Assert.Matches(@"^1\. [^\n]+\n2\. [^\n]+$", c));
            Assert.Equal(AllSigns, Strings(line, "signs"));
            Assert.Equal(2, Strings(line, "principles").Length);
            Assert.Equal(4, Strings(line, "responses").Length);
            Assert.All(Strings(line, "finish_reasons"), f => Assert.Contains(f, FinishReasons));
        }

        // Same seed, same constitutions and (greedy) responses.
        var again = Path.Combine(dir, "again.jsonl");
        Assert.Equal(0, Generate(again).ExitCode);
        Assert.Equal(File.ReadAllText(output), File.ReadAllText(again));
    }

    [Fact]
    public void Two_per_prompt_are_the_positive_constitution_and_its_antithesis()
    {
        var output = Path.Combine(dir, "gen2.jsonl");
        var run = Generate(output, "--per-prompt", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.All(Lines(output), l => Assert.Equal(["++", "--"], Strings(l, "signs")));
    }

    [Fact]
    public void A_rerun_generates_only_the_prompts_not_yet_in_the_output()
    {
        var output = Path.Combine(dir, "resume.jsonl");
        var finished = """{"id":"q2","category":"writing","prompt":"Write a haiku about rain.","constitutions":["1. a\n2. b","1. a\n2. d","1. c\n2. b","1. c\n2. d"],"signs":["++","+-","-+","--"],"responses":["kept","as","it","is"],"finish_reasons":["eos","eos","eos","eos"]}""";
        File.WriteAllText(output, finished + "\n");

        var run = Generate(output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("1 of 3 prompts already generated; resuming with 2", run.Stderr);
        Assert.Contains("2/2 prompts", run.Stderr);
        var text = File.ReadAllLines(output);
        Assert.Equal(finished, text[0]);
        Assert.Equal(["q2", "q1", "q3"], Lines(output).Select(l => l["id"]!.GetValue<string>()));

        var before = File.ReadAllText(output);
        var nothingLeft = Generate(output);
        Assert.True(nothingLeft.ExitCode == 0, nothingLeft.Stderr);
        Assert.Contains("3 of 3 prompts already generated; resuming with 0", nothingLeft.Stderr);
        Assert.Equal(before, File.ReadAllText(output));

        // Resuming with another number of constitutions per prompt would mix two data sets in one file.
        var mixed = Generate(output, "--per-prompt", "2");
        Assert.Equal(1, mixed.ExitCode);
        Assert.Contains($"{output}:1: has 4 constitutions but 2 are asked for per prompt", mixed.Stderr);
        Assert.Equal(before, File.ReadAllText(output));
    }

    [Fact]
    public void A_partial_last_line_from_a_crash_is_dropped_and_that_prompt_generated_again()
    {
        var output = Path.Combine(dir, "torn.jsonl");
        var complete = Path.Combine(dir, "complete.jsonl");
        Assert.Equal(0, Generate(complete).ExitCode);
        var full = File.ReadAllLines(complete);
        // The crash came while the second line was being written.
        File.WriteAllText(output, full[0] + "\n" + full[1][..(full[1].Length / 2)]);

        var run = Generate(output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"{output}:2: dropped a partial last line", run.Stderr);
        Assert.Contains("1 of 3 prompts already generated; resuming with 2", run.Stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal(full[0], lines[0]);
        // Regenerated in other batches (so responses may differ in the last bit), but under the same constitutions.
        var expected = full.Select(l => JsonNode.Parse(l)!).ToArray();
        var actual = lines.Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(expected.Select(l => l["id"]!.GetValue<string>()), actual.Select(l => l["id"]!.GetValue<string>()));
        for (var i = 1; i < 3; i++)
        {
            Assert.Equal(Strings(expected[i], "constitutions"), Strings(actual[i], "constitutions"));
            Assert.Equal(Strings(expected[i], "signs"), Strings(actual[i], "signs"));
        }
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"category\": \"math\", \"prompt\": \"x\"}\n{\"id\": \"b\", \"category\": \"cooking\", \"prompt\": \"y\"}\n",
        "bad-prompts.jsonl:2: category \"cooking\" has no principles in default principles")]
    [InlineData("{\"id\": \"a\", \"prompt\": \"x\"}\n", "bad-prompts.jsonl:1: field \"category\" must be a string (it is missing)")]
    [InlineData("{\"id\": \"a\", \"category\": \"math\", \"prompt\": \"x\"}\n{\"id\": \"a\", \"category\": \"math\", \"prompt\": \"y\"}\n",
        "bad-prompts.jsonl:2: id \"a\" was already used on line 1")]
    public void Bad_prompt_files_are_refused_before_generating(string contents, string expected)
    {
        var bad = Write("bad-prompts.jsonl", contents);
        var output = Path.Combine(dir, "never.jsonl");
        var run = SamsaraProcess.Run("generate", "--model", model, "--prompts", bad, "--out", output, "--constitutions", "default");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Bad_options_and_principle_files_are_one_line_errors()
    {
        var output = Path.Combine(dir, "never.jsonl");
        var principles = Write("principles.json", "{\"principles\": [{\"id\": \"a\", \"weak\": \"w\", \"strong\": \"s\", \"categories\": [\"math\"]}]}");
        (string[] Args, string Expected)[] cases =
        [
            (["--constitutions", "default", "--per-prompt", "3"], "constitutions per query must be 2 (all strong, all antithesis) or 4"),
            (["--constitutions", principles], $"{principles}: principle \"a\": field \"antithesis\" must be a non-empty string (it is missing)"),
            (["--constitutions", Path.Combine(dir, "absent.json")], "absent.json: file not found"),
            (["--per-prompt", "2"], "--per-prompt needs --constitutions"),
        ];
        foreach (var (args, expected) in cases)
        {
            var run = SamsaraProcess.Run(["generate", "--model", model, "--prompts", prompts, "--out", output, .. args]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(expected, run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
        }
        var noOut = SamsaraProcess.Run("generate", "--model", model, "--prompts", prompts, "--constitutions", "default");
        Assert.Equal(1, noOut.ExitCode);
        Assert.Contains("--constitutions needs --out FILE", noOut.Stderr);
        Assert.False(File.Exists(output));
    }
}
