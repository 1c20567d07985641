using Samsara.Engine.Generation;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Samsara.Engine.Generation.Generator;

namespace Samsara.Engine.Tests.Generation;

public sealed class GeneratorTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly LanguageModel lm;

    public GeneratorTests() => lm = LanguageModel.Load(TinyModels.Create(dir.File("model"), TinyModels.Config()), CPU);

    public void Dispose()
    {
        lm.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void A_left_padded_batch_generates_what_each_prompt_generates_alone()
    {
        string[] prompts = ["Hi", "A much longer prompt than the first one", "Mid-length prompt"];
        var greedy = new GenerationOptions { Temperature = 0, MaxNewTokens = 12, BatchSize = 3 };
        var batched = new Generator(lm).Generate(prompts, greedy);
        for (var i = 0; i < prompts.Length; i++)
        {
            var alone = new Generator(lm).Generate([prompts[i]], greedy with { BatchSize = 1 })[0];
            Assert.Equal(alone.TokenIds, batched[i].TokenIds);
            Assert.Equal(alone.FinishReason, batched[i].FinishReason);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_samples_and_another_seed_differs()
    {
        var options = new GenerationOptions { Temperature = 1.0, MaxNewTokens = 20, Seed = 11 };
        var a = new Generator(lm).Generate(["seeded"], options)[0];
        var b = new Generator(lm).Generate(["seeded"], options)[0];
        var c = new Generator(lm).Generate(["seeded"], options with { Seed = 12 })[0];
        Assert.Equal(a.TokenIds, b.TokenIds);
        Assert.NotEqual(a.TokenIds, c.TokenIds);
    }

    [Fact]
    public async Task A_seeded_generation_ignores_draws_from_other_threads()
    {
        var options = new GenerationOptions { Temperature = 1.0, MaxNewTokens = 24, Seed = 42 };
        var alone = new Generator(lm).Generate(["seeded", "twice"], options);
        // Another thread keeps drawing from libtorch's default generator, as a concurrent request or training would.
        using var stop = new CancellationTokenSource();
        var draws = 0;
        var drawer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var noise = torch.rand(64);
                Interlocked.Increment(ref draws);
            }
        });
        try
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref draws) > 0);
            for (var i = 0; i < 3; i++)
                Assert.Equal(alone.Select(c => c.Text), new Generator(lm).Generate(["seeded", "twice"], options).Select(c => c.Text));
        }
        finally
        {
            stop.Cancel();
            await drawer;
        }
    }

    [Fact]
    public void Top_k_of_one_is_greedy_whatever_the_temperature()
    {
        var greedy = new Generator(lm).Generate(["topk"], new GenerationOptions { Temperature = 0, MaxNewTokens = 10 })[0];
        var topOne = new Generator(lm).Generate(["topk"], new GenerationOptions { Temperature = 1.5, TopK = 1, MaxNewTokens = 10, Seed = 5 })[0];
        var tinyNucleus = new Generator(lm).Generate(["topk"], new GenerationOptions { Temperature = 1.5, TopP = 1e-6, MaxNewTokens = 10, Seed = 5 })[0];
        Assert.Equal(greedy.TokenIds, topOne.TokenIds);
        Assert.Equal(greedy.TokenIds, tinyNucleus.TokenIds);
    }

    [Fact]
    public void Finish_reasons_are_length_stop_and_eos()
    {
        var length = new Generator(lm).Generate(["x"], new GenerationOptions { Temperature = 0, MaxNewTokens = 5 })[0];
        if (length.FinishReason == FinishReason.Length) Assert.Equal(5, length.TokenIds.Count);
        else Assert.Equal(FinishReason.Eos, length.FinishReason);

        // A stop string taken from what the model writes anyway must cut the text just before it.
        var free = new Generator(lm).Generate(["y"], new GenerationOptions { Temperature = 0, MaxNewTokens = 30 })[0];
        var text = free.Text;
        Assert.True(text.Length >= 4, $"the tiny model wrote too little to test stop strings: '{text}'");
        var stop = text.Substring(2, 2);
        var stopped = new Generator(lm).Generate(["y"], new GenerationOptions { Temperature = 0, MaxNewTokens = 30, Stop = [stop] })[0];
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
    }

    [Fact]
    public void Generation_ends_with_eos_when_the_model_emits_it()
    {
        // Declare the token the model greedily writes third to be EOS: generation must end there, without it.
        var free = new Generator(lm).Generate(["anything"], new GenerationOptions { Temperature = 0, MaxNewTokens = 3 })[0];
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File("model/config.json")))!.AsObject();
        config["eos_token_id"] = free.TokenIds[2];
        File.WriteAllText(dir.File("model/config.json"), config.ToJsonString());
        using var eosModel = LanguageModel.Load(dir.File("model"), CPU);

        var completion = new Generator(eosModel).Generate(["anything"], new GenerationOptions { Temperature = 0, MaxNewTokens = 10 })[0];
        Assert.Equal(FinishReason.Eos, completion.FinishReason);
        Assert.Equal(free.TokenIds.Take(2), completion.TokenIds);
    }

    [Fact]
    public void A_prompt_longer_than_the_context_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new Generator(lm).Generate(["ok", new string('x', 200)], new GenerationOptions()));
        Assert.Contains("prompt 1", error.Message);
        Assert.Contains("context is 128", error.Message);
    }

    [Fact]
    public void Generation_leaves_no_tensor_behind()
    {
        new Generator(lm).Generate(["warm"], new GenerationOptions { MaxNewTokens = 3 });
        var baseline = TorchRuntime.LiveTensorCount;
        new Generator(lm).Generate(["one", "two two"], new GenerationOptions { MaxNewTokens = 8, TopK = 5, TopP = 0.9, Stop = ["zz"] });
        Assert.Equal(baseline, TorchRuntime.LiveTensorCount);
    }
}
