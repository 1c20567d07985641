using Microsoft.AspNetCore.Builder;
using Samsara.Engine;
using Samsara.Serving;
using Samsara.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Endpoints.Tests;

/// <summary>A tiny random model behind samsara serve on a free loopback port, for the length of one test.</summary>
public sealed class ServedModel : IAsyncDisposable
{
    private readonly TempDirectory directory = new();
    private readonly WebApplication app;

    private ServedModel(int maxBatch)
    {
        TinyModels.Create(directory.File("tiny"), TinyModels.Config(context: 2048));
        Model = LanguageModel.Load(directory.File("tiny"), CPU);
        app = ServingHost.Build(Model, new ServingOptions { ModelName = "tiny", MaxBatchSize = maxBatch }, ["http://127.0.0.1:0"]);
    }

    public const string Name = "tiny";

    /// <summary>The served checkpoint's directory, for loading the same model locally.</summary>
    public string ModelPath => directory.File("tiny");

    public LanguageModel Model { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<ServedModel> StartAsync(int maxBatch = 8)
    {
        var served = new ServedModel(maxBatch);
        await served.app.StartAsync();
        served.BaseUrl = new Uri(served.app.Urls.Single() + "/v1");
        return served;
    }

    public EndpointOptions Options(int concurrency = 4) => new() { BaseUrl = BaseUrl, Model = Name, MaxConcurrency = concurrency, InitialBackoff = TimeSpan.FromMilliseconds(10) };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Model.Dispose();
        directory.Dispose();
    }
}
