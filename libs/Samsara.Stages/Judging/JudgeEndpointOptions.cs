using System.ComponentModel.DataAnnotations;
using Samsara.Endpoints;
using Samsara.Endpoints.Judging;

namespace Samsara.Stages.Judging;

/// <summary>
/// <c>Judging:OpenAi</c>: how a judge replica talks to the OpenAI-compatible endpoints that <c>openai:URL#MODEL</c>
/// tasks name (the URL and model come with each task; the key from <c>SAMSARA_OPENAI_API_KEY</c>). Validated when the
/// host starts.
/// </summary>
public sealed class JudgeEndpointOptions
{
    /// <summary>Requests in flight to one endpoint from this replica (the chart scales replicas for more).</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Tries per request before a 429/5xx/timeout faults the task.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>One attempt's time limit in seconds.</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 300;

    /// <summary>Tokens the judge may spend on one answer.</summary>
    [Range(16, 32768)]
    public int MaxTokens { get; set; } = EndpointJudgeModel.DefaultMaxTokens;

    /// <summary>The endpoint settings for a task's URL and model.</summary>
    public EndpointOptions For(Uri baseUrl, string model) => new()
    {
        BaseUrl = baseUrl,
        Model = model,
        MaxConcurrency = MaxConcurrency,
        MaxAttempts = MaxAttempts,
        RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSeconds),
    };
}
