using System.Text.Json.Nodes;
using Samsara.Engine.Generation;
using Samsara.Engine.SafeTensors;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Samsara.Engine.Generation.Generator;

namespace Samsara.Engine.Tests.Models;

/// <summary>
/// Samsara's Llama against an independent PyTorch implementation (tests/python/reference_llama.py) on the same
/// safetensors weights: logits, gradients and greedy tokens, in both directions of checkpoint exchange.
/// </summary>
public class LlamaParityTests
{
    private const double Tolerance = 1e-4;

    private static readonly long[][] Ids =
    [
        [256, 72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100, 33, 10, 257],
        [256, 50, 43, 50, 61, 52, 46, 32, 84, 104, 101, 110, 32, 115, 116, 111],
    ];

    public static TheoryData<string, JsonObject> Configs => new()
    {
        { "gqa-untied", TinyModels.Config() },
        { "gqa-tied", TinyModels.Config(tied: true) },
        { "mha-1-layer", TinyModels.Config(layers: 1, heads: 4, kvHeads: 4) },
        { "mqa-llama3-rope", TinyModels.Config(kvHeads: 1, ropeScaling: new JsonObject
            { ["rope_type"] = "llama3", ["factor"] = 8.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 4.0, ["original_max_position_embeddings"] = 16 }) },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Logits_match_pytorch(string name, JsonObject config)
    {
        using var dir = new TempDirectory();
        var modelDir = TinyModels.Create(dir.File(name), config);
        var expected = ReferenceLlama.Logits(modelDir, Ids, dir.Path);

        using var lm = LanguageModel.Load(modelDir, CPU);
        using var scope = torch.NewDisposeScope();
        var ids = HostTensors.FromArray(Ids.SelectMany(r => r).ToArray(), 2, 16);
        var positions = torch.arange(0, 16).unsqueeze(0).expand(2, 16);
        var actual = lm.Model.Forward(ids, positions).ToArray<float>();

        Assert.Equal(expected.Length, actual.Length);
        Assert.InRange(MaxAbsDiff(expected, actual), 0, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Gradients_of_the_loss_match_pytorch(string name, JsonObject config)
    {
        using var dir = new TempDirectory();
        var modelDir = TinyModels.Create(dir.File(name), config);
        using var reference = SafeTensorsFile.Open(ReferenceLlama.Gradients(modelDir, Ids, dir.Path));

        using var lm = LanguageModel.Load(modelDir, CPU);
        using var scope = torch.NewDisposeScope();
        foreach (var p in lm.Model.Parameters.Values) p.requires_grad = true;
        var loss = NextTokenLoss(lm, Ids);
        loss.backward();

        using var expectedLoss = reference.ReadTensor("loss", CPU);
        Assert.InRange(Math.Abs(expectedLoss.ToDouble() - loss.ToDouble()), 0, Tolerance);
        Assert.Equal(reference.Tensors.Count - 1, lm.Model.Parameters.Count);
        foreach (var (paramName, parameter) in lm.Model.Parameters)
        {
            using var expected = reference.ReadTensor($"grad.{paramName}", CPU);
            using var grad = parameter.grad ?? throw new Xunit.Sdk.XunitException($"no gradient for {paramName}");
            Assert.Equal(expected.shape, grad.shape);
            var diff = MaxAbsDiff(expected.ToArray<float>(), grad.ToArray<float>());
            Assert.True(diff <= Tolerance, $"{paramName}: max |Δgrad| = {diff}");
        }
    }

    [Fact]
    public void Greedy_generation_matches_pytorch_token_for_token()
    {
        using var dir = new TempDirectory();
        var modelDir = TinyModels.Create(dir.File("greedy"), TinyModels.Config());
        using var lm = LanguageModel.Load(modelDir, CPU);
        const string prompt = "Q: what is 2+2?\nA:";
        var completion = new Generator(lm).Generate([prompt], new GenerationOptions { Temperature = 0, MaxNewTokens = 24 })[0];

        var expected = ReferenceLlama.Greedy(modelDir, lm.EncodePrompt(prompt, "prompt", 0), 24);
        Assert.Equal(expected.Take(completion.TokenIds.Count), completion.TokenIds);
        if (completion.FinishReason == FinishReason.Eos) Assert.Equal(lm.EosId, expected[completion.TokenIds.Count]);
        else Assert.Equal(24, completion.TokenIds.Count);
    }

    [Fact]
    public void A_checkpoint_written_by_pytorch_loads_and_gives_the_same_logits()
    {
        using var dir = new TempDirectory();
        var configPath = dir.File("config.json");
        File.WriteAllText(configPath, TinyModels.Config(tied: false).ToJsonString());
        var modelDir = dir.File("from-pytorch");
        ReferenceLlama.Init(configPath, modelDir, seed: 3);
        Samsara.Engine.Tokenization.ByteTokenizer.Write(Path.Combine(modelDir, "tokenizer.json"));
        var expected = ReferenceLlama.Logits(modelDir, Ids, dir.Path);

        using var lm = LanguageModel.Load(modelDir, CPU);
        using var scope = torch.NewDisposeScope();
        var ids = HostTensors.FromArray(Ids.SelectMany(r => r).ToArray(), 2, 16);
        var actual = lm.Model.Forward(ids, torch.arange(0, 16).unsqueeze(0).expand(2, 16)).ToArray<float>();
        Assert.InRange(MaxAbsDiff(expected, actual), 0, Tolerance);

        // …and back: saved by Samsara, the same weights give PyTorch the same logits again.
        var resaved = dir.File("resaved");
        lm.Save(resaved);
        Assert.InRange(MaxAbsDiff(expected, ReferenceLlama.Logits(resaved, Ids, dir.Path)), 0, 0);
    }

    internal static Tensor NextTokenLoss(LanguageModel lm, long[][] rows)
    {
        int b = rows.Length, t = rows[0].Length - 1;
        var inputs = HostTensors.FromArray(rows.SelectMany(r => r.Take(t)).ToArray(), b, t);
        var targets = HostTensors.FromArray(rows.SelectMany(r => r.Skip(1)).ToArray(), b, t);
        var logits = lm.Model.Forward(inputs, torch.arange(0, t).unsqueeze(0).expand(b, t));
        var logProbs = nn.functional.log_softmax(logits, -1).gather(-1, targets.unsqueeze(-1)).squeeze(-1);
        return -logProbs.mean();
    }

    private static double MaxAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}
