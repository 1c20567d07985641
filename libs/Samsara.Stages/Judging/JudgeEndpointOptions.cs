using System.ComponentModel.DataAnnotations;
using Samsara.Endpoints;
using Samsara.Endpoints.Judging;

namespace Samsara.Stages.Judging;

/// <summary>
/// <c>Judging:OpenAi</c>: how a judge replica talks to the OpenAI-compatible endpoints that <c>openai:URL#MODEL</c>
/// tasks name (the URL and model come with each task; the key from <c>SAMSARA_OPENAI_API_KEY</c>). Validated when the
/// host starts.
/// </summary>
public sealed class JudgeEndpointOptions : IValidatableObject
{
    /// <summary>Requests in flight to one endpoint from this replica (the chart scales replicas for more).</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Tries per request before a 5xx/timeout faults the task (429s do not count: see <see cref="RateLimitPatienceSeconds"/>).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>
    /// How long a request waits out an endpoint that keeps answering 429 before it faults the task. Every request of
    /// the replica to that endpoint pauses together for the Retry-After the endpoint asks for.
    /// </summary>
    [Range(0, 86_400)]
    public int RateLimitPatienceSeconds { get; set; } = 900;

    /// <summary>Per-model prices per million input/output tokens, for the report's cost column; a model without one gets tokens only.</summary>
    public List<TokenPrice> Prices { get; set; } = [];

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
        RateLimitPatience = TimeSpan.FromSeconds(RateLimitPatienceSeconds),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Prices.Count; i++)
        {
            string? problem = null;
            try
            {
                Prices[i].Validate();
            }
            catch (ArgumentException e)
            {
                problem = e.Message;
            }
            if (problem is not null) yield return new ValidationResult(problem, [$"{nameof(Prices)}:{i}"]);
        }
    }
}
