using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Samsara.Judging;

namespace Samsara.Endpoints.Judging;

/// <summary>
/// The OpenAI-compatible judge models of one host (a `samsara judge` invocation, a judge replica): one
/// <see cref="EndpointJudgeModel"/> per (URL, model), so its concurrency limit holds across every prompt and protocol
/// that uses it, and one <see cref="Usage"/> meter for all of them. <paramref name="options"/> turns a spec's URL and
/// model into the endpoint's settings (the host's concurrency, attempts, timeout; the key from the environment).
/// Plug <see cref="Create"/> into <see cref="JudgeBackends.OpenAiModels"/>.
/// </summary>
public sealed class EndpointJudgeModels(Func<Uri, string, EndpointOptions> options, int maxTokens = EndpointJudgeModel.DefaultMaxTokens, ILogger? logger = null)
    : IDisposable
{
    private readonly ConcurrentDictionary<(Uri, string), Lazy<EndpointJudgeModel>> models = new();

    /// <summary>Tokens and requests of every judge call made through these models.</summary>
    public UsageMeter Usage { get; } = new();

    /// <summary>What the models cost per million tokens, for the run report's cost column (<see cref="JudgeUsageRows"/>); none: tokens only.</summary>
    public IReadOnlyList<TokenPrice> Prices { get; init; } = [];

    /// <summary>The model of an <c>openai:URL#MODEL</c> spec; settings that are not valid fail here, naming the spec.</summary>
    public EndpointJudgeModel Create(JudgeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec is not { Kind: JudgeKind.OpenAi, Endpoint: { } url, Model: { } model }) throw new ArgumentException($"judge '{spec}' is not an openai:URL#MODEL judge");
        var lazy = models.GetOrAdd((url, model), _ => new Lazy<EndpointJudgeModel>(() =>
        {
            EndpointOptions settings;
            try
            {
                settings = options(url, model);
                settings.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"judge '{spec}': {e.Message}", e);
            }
            return new EndpointJudgeModel(new OpenAiEndpoint(settings, Usage, logger), maxTokens);
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            models.TryRemove(new KeyValuePair<(Uri, string), Lazy<EndpointJudgeModel>>((url, model), lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var model in models.Values.Where(m => m.IsValueCreated)) model.Value.Endpoint.Dispose();
    }
}
