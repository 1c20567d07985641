using Microsoft.Extensions.Options;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Endpoints;
using Samsara.Endpoints.Generation;
using Samsara.Engine.Generation;

namespace Samsara.Stages.Generation;

/// <summary>
/// GeneratorService's model, loaded on first use and kept: a local model, or a client of an OpenAI-compatible
/// endpoint, as a run's teacher would be (<see cref="GenerationStage"/>). One generation at a time: the local engine
/// is not reentrant, and an endpoint's concurrency is its client's to spend.
/// </summary>
public sealed class ServiceModel(IOptions<GeneratorServiceOptions> options, ArtifactStore store) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock loading = new();
    private IDisposable? owned;
    private ITextGenerator? generator;

    /// <summary>The configured model's name (a path, or URL#MODEL), or null when none is configured.</summary>
    public string? Name
    {
        get
        {
            var o = options.Value;
            if (o.Endpoint.BaseUrl.Length > 0) return $"{o.Endpoint.BaseUrl}#{o.Endpoint.Model}";
            return o.Model.Path.Length > 0 ? o.Model.Path : null;
        }
    }

    /// <summary>Runs <paramref name="work"/> with the model, after any generation in progress.</summary>
    public async Task<T> UseAsync<T>(Func<ITextGenerator, T> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => work(Generator()), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        owned?.Dispose();
        gate.Dispose();
    }

    private ITextGenerator Generator()
    {
        lock (loading)
        {
            if (generator is not null) return generator;
            var o = options.Value;
            if (o.Endpoint.BaseUrl.Length > 0)
            {
                var endpoint = new OpenAiEndpoint(GenerationStage.EndpointOptionsOf(new EndpointRef
                {
                    BaseUrl = o.Endpoint.BaseUrl, Model = o.Endpoint.Model, Api = o.Endpoint.Api,
                    Concurrency = (uint)Math.Max(0, o.Endpoint.Concurrency), ApiKeyEnv = o.Endpoint.ApiKeyEnv,
                }));
                owned = endpoint;
                return generator = new EndpointTextGenerator(endpoint, o.Endpoint.Api == "chat" ? EndpointApi.Chat : EndpointApi.Completions);
            }
            var path = Path.IsPathRooted(o.Model.Path) ? o.Model.Path : store.Resolve(o.Model.Path);
            var model = GenerationStage.Load(new ModelRef { Path = path, Device = o.Model.Device, Dtype = o.Model.Dtype });
            owned = model;
            return generator = new Generator(model);
        }
    }
}
