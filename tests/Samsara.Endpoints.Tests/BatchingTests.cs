using Samsara.Engine;
using Samsara.Engine.Generation;
using Samsara.Serving;
using Samsara.Serving.Internal;
using Samsara.Testing;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Samsara.Engine.Generation.Generator;

namespace Samsara.Endpoints.Tests;

/// <summary>The request queue: waiting requests with the same sampling share one engine batch; seeded ones run alone.</summary>
public sealed class BatchingTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly LanguageModel model;

    public BatchingTests()
    {
        TinyModels.Create(dir.File("m"), TinyModels.Config());
        model = LanguageModel.Load(dir.File("m"), CPU);
    }

    public void Dispose()
    {
        model.Dispose();
        dir.Dispose();
    }

    private static EngineJob Job(string prompt, GenerationOptions options, int n = 1) => new([prompt], [prompt.Length + 1], n, options, null);

    [Fact]
    public async Task Waiting_requests_with_the_same_sampling_share_a_batch()
    {
        var greedy = new GenerationOptions { Temperature = 0, MaxNewTokens = 5 };
        using var batcher = new EngineBatcher(model, new ServingOptions { ModelName = "m", MaxBatchSize = 8 }, start: false);
        EngineJob[] jobs =
        [
            Job("a", greedy), Job("bb", greedy, n: 2), Job("ccc", greedy with { MaxNewTokens = 3 }), Job("dddd", greedy),
            Job("e", greedy with { Seed = 1 }), Job("ff", greedy, n: 5),
        ];
        var tasks = jobs.Select(batcher.Submit).ToArray();

        batcher.Start();
        var results = await Task.WhenAll(tasks);

        // [a, bb×2, dddd] fill 4 of 8; ff×5 would overflow and waits; then ccc (other settings), e (seeded, alone), ff×5.
        Assert.Equal((4L, 1 + 2 + 1 + 1 + 1 + 5L), batcher.Stats);
        Assert.Equal([1, 2, 1, 1, 1, 5], results.Select(r => r.Count));
        var alone = new Generator(model).Generate(["bb"], greedy);
        Assert.All(results[1], r => Assert.Equal(alone[0].Text, r.Completion.Text));
        Assert.All(results[2], r => Assert.True(r.Completion.TokenIds.Count <= 3));
    }
}
