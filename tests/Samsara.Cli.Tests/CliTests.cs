using System.Text.Json.Nodes;

namespace Samsara.Cli.Tests;

/// <summary>The `samsara` commands end to end, as a user runs them: a real process, real files.</summary>
public sealed class CliTests : IDisposable
{
    private static readonly string[] FinishReasons = ["eos", "stop", "length"];

    private readonly string dir = Directory.CreateTempSubdirectory("samsara-cli-").FullName;
    private readonly string model;

    public CliTests()
    {
        model = Path.Combine(dir, "model");
        var config = Path.Combine(dir, "config.json");
        File.WriteAllText(config, """
            {"tokenizer": "byte", "vocab_size": 259, "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
             "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 96,
             "bos_token_id": 256, "eos_token_id": 257, "pad_token_id": 258, "initializer_range": 0.2}
            """);
        var init = SamsaraProcess.Run("init-model", "--config", config, "--out", model, "--seed", "3");
        Assert.True(init.ExitCode == 0, init.Stderr);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string contents)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, contents);
        return path;
    }

    [Fact]
    public void Init_model_writes_a_hugging_face_layout()
    {
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json" })
            Assert.True(File.Exists(Path.Combine(model, file)), file);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "config.json")))!;
        Assert.Equal("LlamaForCausalLM", config["architectures"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Generate_adds_response_and_finish_reason_to_each_prompt_line_and_keeps_the_rest()
    {
        var prompts = Write("prompts.jsonl", """
            {"id": "a", "category": "math", "prompt": "2+2="}
            {"id": 7, "prompt": "Hello"}
            """);
        var output = Path.Combine(dir, "out.jsonl");
        var run = SamsaraProcess.Run("generate", "--model", model, "--prompts", prompts, "--out", output,
            "--temperature", "0", "--max-new-tokens", "6", "--seed", "1");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal("math", lines[0]["category"]!.GetValue<string>());
        Assert.Equal(7, lines[1]["id"]!.GetValue<int>());
        foreach (var line in lines)
        {
            Assert.Contains(line["finish_reason"]!.GetValue<string>(), FinishReasons);
            Assert.NotNull(line["response"]);
        }
        Assert.Contains("2/2 prompts", run.Stderr);   // the progress line

        var again = Path.Combine(dir, "again.jsonl");
        SamsaraProcess.Run("generate", "--model", model, "--prompts", prompts, "--out", again, "--temperature", "0", "--max-new-tokens", "6");
        Assert.Equal(File.ReadAllText(output), File.ReadAllText(again));
    }

    [Fact]
    public void Generate_with_one_prompt_prints_the_response()
    {
        var run = SamsaraProcess.Run("generate", "--model", model, "--prompt", "Hi", "--max-new-tokens", "4", "--seed", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(run.Stdout.Length > 0);
    }

    [Fact]
    public void Logprobs_scores_response_tokens_and_eos()
    {
        var data = Write("pairs.jsonl", """
            {"id": "p1", "prompt": "Say hi.", "response": "hi"}
            {"id": "p2", "prompt": "Count:", "response": "1 2 3"}
            """);
        var output = Path.Combine(dir, "scores.jsonl");
        var run = SamsaraProcess.Run("logprobs", "--model", model, "--data", data, "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["p1", "p2"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.Equal([3, 6], lines.Select(l => l["n_tokens"]!.GetValue<int>()));
        foreach (var l in lines)
        {
            var sum = l["sum_logprob"]!.GetValue<double>();
            Assert.True(sum < 0);
            Assert.Equal(sum / l["n_tokens"]!.GetValue<int>(), l["mean_logprob"]!.GetValue<double>(), 9);
        }
    }

    [Theory]
    [InlineData("{\"id\": 1, \"prompt\": \"ok\"}\n{not json}\n", "prompts.jsonl:2: not valid JSON")]
    [InlineData("{\"id\": 1, \"text\": \"no prompt\"}\n", "prompts.jsonl:1: field \"prompt\" must be a string (it is missing)")]
    [InlineData("{\"id\": [1], \"prompt\": \"x\"}\n", "prompts.jsonl:1: field \"id\" must be a string or an integer")]
    public void Bad_prompt_files_are_reported_by_line_and_field(string contents, string expected)
    {
        var prompts = Write("prompts.jsonl", contents);
        var output = Path.Combine(dir, "never.jsonl");
        var run = SamsaraProcess.Run("generate", "--model", model, "--prompts", prompts, "--out", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);   // a message, not a stack trace
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_broken_model_is_reported_by_file()
    {
        File.WriteAllBytes(Path.Combine(model, "model.safetensors"), [1, 2, 3]);
        var run = SamsaraProcess.Run("generate", "--model", model, "--prompt", "x");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("model.safetensors", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void Prompt_and_prompts_together_are_refused()
    {
        var run = SamsaraProcess.Run("generate", "--model", model, "--prompt", "x", "--prompts", "y.jsonl");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exactly one of --prompt", run.Stderr);
    }

    [Fact]
    public void A_prompt_longer_than_the_context_is_refused_by_file_line_and_id()
    {
        var prompts = Write("long.jsonl", $"{{\"id\": \"ok\", \"prompt\": \"fine\"}}\n{{\"id\": \"big\", \"prompt\": \"{new string('z', 200)}\"}}\n");
        var run = SamsaraProcess.Run("generate", "--model", model, "--prompts", prompts);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("long.jsonl:2: prompt 'big' is 201 tokens (with BOS); the model's context is 96 tokens", run.Stderr);
    }

    [Fact]
    public void A_pair_longer_than_the_context_is_refused_by_file_line_and_id()
    {
        var data = Write("long-pairs.jsonl", $"{{\"id\": \"p\", \"prompt\": \"q\", \"response\": \"{new string('r', 120)}\"}}\n");
        var run = SamsaraProcess.Run("logprobs", "--model", model, "--data", data, "--out", Path.Combine(dir, "never.jsonl"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("long-pairs.jsonl:1: pair 'p': prompt and response are 123 tokens", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "never.jsonl")));
    }
}
