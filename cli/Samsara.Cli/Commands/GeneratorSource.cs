using Samsara.Endpoints;
using Samsara.Endpoints.Generation;
using Samsara.Engine;
using Samsara.Engine.Generation;

namespace Samsara.Cli.Commands;

/// <summary>
/// Where `samsara generate` gets completions: a local model (loaded only when there is work) or an endpoint
/// (checked to serve the model before any work). Disposing releases the model; <see cref="Report"/> prints the
/// endpoint's usage and adds it to the run's ledger beside the output.
/// </summary>
internal sealed class GeneratorSource : IDisposable
{
    private readonly Func<LanguageModel>? loadModel;
    private readonly OpenAiEndpoint? endpoint;
    private readonly EndpointApi api;
    private LanguageModel? model;

    private GeneratorSource(Func<LanguageModel>? loadModel, OpenAiEndpoint? endpoint, EndpointApi api)
    {
        this.loadModel = loadModel;
        this.endpoint = endpoint;
        this.api = api;
    }

    public static GeneratorSource Local(Func<LanguageModel> loadModel) => new(loadModel, null, default);

    public static GeneratorSource Endpoint(EndpointOptions options, EndpointApi api) => new(null, new OpenAiEndpoint(options), api);

    /// <summary>Endpoint requests run concurrently, so a group must hold enough prompts to keep them all busy.</summary>
    public GenerationOptions Adjust(GenerationOptions options) =>
        endpoint is null ? options : options with { BatchSize = Math.Max(options.BatchSize, endpoint.Options.MaxConcurrency) };

    public ITextGenerator Open()
    {
        if (endpoint is not null)
        {
            endpoint.EnsureModelServedAsync().GetAwaiter().GetResult();
            return new EndpointTextGenerator(endpoint, api);
        }
        return new Generator(model ??= loadModel!());
    }

    /// <summary>Prints the endpoint's usage and adds it to <paramref name="output"/>.usage.json (when there is an output file).</summary>
    public void Report(string? output)
    {
        if (endpoint is null || endpoint.Usage.Requests + endpoint.Usage.Failures == 0) return;
        Console.Error.WriteLine($"samsara: {endpoint.Options}: {endpoint.Usage}");
        if (output is not null)
        {
            var total = UsageLedger.Add(output + ".usage.json", endpoint.Usage);
            Console.Error.WriteLine($"samsara: run total in {output}.usage.json: {total["prompt_tokens"]} prompt + {total["completion_tokens"]} completion tokens");
        }
    }

    public void Dispose()
    {
        model?.Dispose();
        endpoint?.Dispose();
    }
}
