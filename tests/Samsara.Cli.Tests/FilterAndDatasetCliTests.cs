using System.Text.Json.Nodes;

namespace Samsara.Cli.Tests;

/// <summary>`samsara filter` and `samsara dataset` on hand-made generation files, and the whole chain on a tiny model.</summary>
public sealed class FilterAndDatasetCliTests : IDisposable
{
    private const string Short = "The answer is four, since two plus two makes four in total.";
    private const string Long = "First, write down what is given: two apples, then two more apples. Second, count them one at a time. " +
                                "Third, check by grouping them in pairs: two pairs of two. Every method gives the same total, so the final answer is 4.";

    private static readonly string[] Rules = ["termination", "empty", "banned", "length_ratio", "short_length", "prefix_distance"];

    private readonly string dir = Directory.CreateTempSubdirectory("samsara-cli-filter-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(dir, name);

    private static string Line(string id, string positive, string antithesis, string finish = "eos") => new JsonObject
    {
        ["id"] = id,
        ["category"] = "math",
        ["prompt"] = $"Question {id}?",
        ["constitutions"] = new JsonArray("1. S1\n2. S2", "1. A1\n2. A2"),
        ["signs"] = new JsonArray("++", "--"),
        ["responses"] = new JsonArray(positive, antithesis),
        ["finish_reasons"] = new JsonArray(finish, finish),
    }.ToJsonString();

    private string Generations()
    {
        var path = Path("gen.jsonl");
        File.WriteAllLines(path,
        [
            Line("keep", Long, Short),
            Line("cut", Long, Short, finish: "length"),
            Line("leak", Long + " Human: thanks", Short),
            Line("copy", Long, Long[..100]),
        ]);
        return path;
    }

    [Fact]
    public void Filter_keeps_clean_contrastive_lines_and_reports_rejections_by_rule()
    {
        var input = Generations();
        var run = SamsaraProcess.Run("filter", "--in", input, "--out", Path("kept.jsonl"), "--report", Path("report.json"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("kept 1 of 4; rejected: termination 1, banned 1, length_ratio 1", run.Stdout);
        Assert.Equal([File.ReadAllLines(input)[0]], File.ReadAllLines(Path("kept.jsonl")));

        var report = JsonNode.Parse(File.ReadAllText(Path("report.json")))!;
        Assert.Equal((4, 1), (report["read"]!.GetValue<int>(), report["kept"]!.GetValue<int>()));
        Assert.Equal(1, report["rejected"]!["banned"]!.GetValue<int>());
        Assert.Equal(0, report["rejected"]!["prefix_distance"]!.GetValue<int>());
        Assert.Equal(1, report["failed"]!["prefix_distance"]!.GetValue<int>());
        Assert.True(report["config"]!["termination"]!.GetValue<bool>());
    }

    [Fact]
    public void Rules_are_turned_off_and_thresholds_set_by_config_file_or_options()
    {
        var input = Generations();
        var config = Path("filter.json");
        File.WriteAllText(config, """{"termination": false, "banned": {"substrings": ["never there"]}}""");
        var byFile = SamsaraProcess.Run("filter", "--in", input, "--out", Path("kept.jsonl"), "--config", config);
        Assert.True(byFile.ExitCode == 0, byFile.Stderr);
        Assert.Contains("kept 3 of 4; rejected: length_ratio 1", byFile.Stdout);

        var byOptions = SamsaraProcess.Run("filter", "--in", input, "--out", Path("kept2.jsonl"), "--disable", "termination",
            "--disable", "banned", "--length-ratio", "2", "--min-prefix-distance", "0");
        Assert.True(byOptions.ExitCode == 0, byOptions.Stderr);
        // "copy" now passes the ratio (219 ≥ 2 × 100), but a copied prefix (distance 0) is never more than 0 × 100.
        Assert.Contains("kept 3 of 4; rejected: prefix_distance 1", byOptions.Stdout);
        var lenient = SamsaraProcess.Run("filter", "--in", input, "--out", Path("kept3.jsonl"), "--disable", "termination",
            "--banned", "never there", "--length-ratio", "2", "--min-short-chars", "200");
        Assert.Contains("kept 0 of 4; rejected: short_length 4", lenient.Stdout);
    }

    [Fact]
    public void Bad_filter_input_is_a_one_line_error()
    {
        var input = Generations();
        File.WriteAllText(Path("filter.json"), """{"length_ratio": {"ratio": 2}}""");
        File.WriteAllText(Path("short.jsonl"), """{"id": "x", "category": "math", "prompt": "q", "constitutions": ["a", "b"], "responses": ["r"], "finish_reasons": ["eos", "eos"]}""" + "\n");
        (string[] Args, string Expected)[] cases =
        [
            (["--in", input, "--config", Path("filter.json")], "filter.json: \"length_ratio\" has no setting \"ratio\""),
            (["--in", input, "--disable", "lenght_ratio"], "unknown filter rule \"lenght_ratio\""),
            (["--in", input, "--length-ratio", "0.5"], "filter options: length_ratio ratio must be ≥ 1, not 0.5"),
            (["--in", Path("short.jsonl")], "short.jsonl:1: 2 constitutions but 1 responses"),
            (["--in", Path("absent.jsonl")], "absent.jsonl: file not found"),
        ];
        foreach (var (args, expected) in cases)
        {
            var run = SamsaraProcess.Run(["filter", "--out", Path("never.jsonl"), .. args]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(expected, run.Stderr);
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.False(File.Exists(Path("never.jsonl")));
        }
    }

    [Fact]
    public void Dataset_builds_sami_sft_and_dpo_files_from_kept_lines()
    {
        var kept = Path("kept.jsonl");
        File.WriteAllLines(kept, [Line("a", Long, Short), Line("b", Short, Long)]);

        var sami = SamsaraProcess.Run("dataset", "--in", kept, "--kind", "sami", "--out", Path("sami.jsonl"));
        Assert.True(sami.ExitCode == 0, sami.Stderr);
        Assert.Contains("wrote 2 sami examples", sami.Stdout);
        Assert.Equal(File.ReadAllLines(kept), File.ReadAllLines(Path("sami.jsonl")));

        Assert.Equal(0, SamsaraProcess.Run("dataset", "--in", kept, "--kind", "sft", "--out", Path("sft.jsonl")).ExitCode);
        var sft = File.ReadAllLines(Path("sft.jsonl")).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal("Assistant System Instructions: 1. S1\n2. S2\n\nHuman: Question a?\n\nAssistant:", sft[0]["prompt"]!.GetValue<string>());
        Assert.Equal([Long, Short], sft.Select(s => s["completion"]!.GetValue<string>()));

        Assert.Equal(0, SamsaraProcess.Run("dataset", "--in", kept, "--kind", "dpo", "--out", Path("dpo.jsonl")).ExitCode);
        var dpo = File.ReadAllLines(Path("dpo.jsonl")).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(["a", "b"], dpo.Select(d => d["id"]!.GetValue<string>()));
        Assert.Equal((Short, Long), (dpo[1]["chosen"]!.GetValue<string>(), dpo[1]["rejected"]!.GetValue<string>()));
        Assert.Equal(sft[1]["prompt"]!.GetValue<string>(), dpo[1]["prompt"]!.GetValue<string>());
    }

    [Fact]
    public void Dataset_errors_name_the_file_and_line()
    {
        File.WriteAllText(Path("empty.jsonl"), "");
        File.WriteAllLines(Path("broken.jsonl"), [Line("a", Long, Short), "{\"id\": \"b\","]);
        (string[] Args, string Expected)[] cases =
        [
            (["--in", Path("empty.jsonl"), "--kind", "sft"], "empty.jsonl: no examples"),
            (["--in", Path("broken.jsonl"), "--kind", "dpo"], "broken.jsonl:2: not valid JSON"),
            (["--in", Path("broken.jsonl"), "--kind", "ppo"], "dataset kind must be sami, sft or dpo, not \"ppo\""),
        ];
        foreach (var (args, expected) in cases)
        {
            var run = SamsaraProcess.Run(["dataset", "--out", Path("never.jsonl"), .. args]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(expected, run.Stderr);
            Assert.False(File.Exists(Path("never.jsonl")));
        }
    }

    [Fact]
    public void Generate_filter_and_dataset_chain_on_a_tiny_model()
    {
        var config = Path("config.json");
        File.WriteAllText(config, """
            {"tokenizer": "byte", "vocab_size": 259, "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1,
             "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 2048,
             "bos_token_id": 256, "eos_token_id": 257, "pad_token_id": 258, "initializer_range": 0.2}
            """);
        Assert.Equal(0, SamsaraProcess.Run("init-model", "--config", config, "--out", Path("model"), "--seed", "2").ExitCode);
        File.WriteAllText(Path("prompts.jsonl"), """
            {"id": 1, "category": "stem", "prompt": "Why is the sky blue?"}
            {"id": 2, "category": "roleplay", "prompt": "Pretend to be a pirate."}
            """);
        var generate = SamsaraProcess.Run("generate", "--model", Path("model"), "--prompts", Path("prompts.jsonl"), "--out", Path("gen.jsonl"),
            "--constitutions", "default", "--max-new-tokens", "6", "--seed", "1");
        Assert.True(generate.ExitCode == 0, generate.Stderr);

        // A random model's responses are noise; with every rule off, all lines pass through.
        var filter = SamsaraProcess.Run(["filter", "--in", Path("gen.jsonl"), "--out", Path("kept.jsonl"), "--report", Path("report.json"),
            .. Rules.SelectMany(r => new[] { "--disable", r })]);
        Assert.True(filter.ExitCode == 0, filter.Stderr);
        Assert.Contains("kept 2 of 2", filter.Stdout);

        var dataset = SamsaraProcess.Run("dataset", "--in", Path("kept.jsonl"), "--kind", "dpo", "--out", Path("dpo.jsonl"));
        Assert.True(dataset.ExitCode == 0, dataset.Stderr);
        var pairs = File.ReadAllLines(Path("dpo.jsonl")).Select(l => JsonNode.Parse(l)!).ToArray();
        var generations = File.ReadAllLines(Path("gen.jsonl")).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(2, pairs.Length);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(generations[i]["responses"]![0]!.GetValue<string>(), pairs[i]["chosen"]!.GetValue<string>());
            Assert.Equal(generations[i]["responses"]![3]!.GetValue<string>(), pairs[i]["rejected"]!.GetValue<string>());
            Assert.StartsWith($"Assistant System Instructions: {generations[i]["constitutions"]![0]!.GetValue<string>()}\n\nHuman: ",
                pairs[i]["prompt"]!.GetValue<string>());
        }
    }
}
