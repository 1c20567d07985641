using Samsara.Engine.Models;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.Models;

/// <summary>
/// Decoding with a KV cache gives the logits of the full causal pass, whether the new positions come one at a time
/// or several at once (where query t must see keys up to S − T + t, not PyTorch's top-left is_causal triangle).
/// </summary>
public class KvCacheTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Cached_chunks_give_the_logits_of_the_full_pass(int chunk)
    {
        using var dir = new TempDirectory();
        using var lm = LanguageModel.Load(TinyModels.Create(dir.File("model"), TinyModels.Config()), CPU);
        long[] tokens = [256, 72, 101, 108, 108, 111, 44, 32, 119];
        using var scope = NewDisposeScope();
        var full = lm.Model.Forward(HostTensors.FromArray(tokens, 1, tokens.Length), arange(0, tokens.Length).unsqueeze(0));

        using var cache = new KvCache(lm.Config.NumHiddenLayers);
        const int prompt = 3;
        var pieces = new List<Tensor> { lm.Model.Forward(HostTensors.FromArray(tokens[..prompt], 1, prompt), arange(0, prompt).unsqueeze(0), cache: cache) };
        for (var start = prompt; start < tokens.Length; start += chunk)
        {
            var end = Math.Min(start + chunk, tokens.Length);
            pieces.Add(lm.Model.Forward(HostTensors.FromArray(tokens[start..end], 1, end - start), arange(start, end).unsqueeze(0), cache: cache));
        }
        var cached = cat(pieces, 1);

        Assert.InRange((full - cached).abs().max().ToDouble(), 0, 1e-5);
    }
}
