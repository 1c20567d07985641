using Samsara.Judging;

namespace Samsara.Endpoints.Judging;

/// <summary>
/// An LLM judge's model behind an OpenAI-compatible endpoint: each call is one /chat/completions request at
/// temperature 0 with room for the explanation the judge prompts ask for before the verdict. The endpoint brings the
/// concurrency limit, the retries and the token accounting. Before its first call the model checks, once, that the
/// endpoint serves the model it names, so a typo or a down server fails with one clear error instead of one per
/// item; a failed check is tried again on the next call (a replica outlives a server's restart).
/// </summary>
public sealed class EndpointJudgeModel(OpenAiEndpoint endpoint, int maxTokens = EndpointJudgeModel.DefaultMaxTokens) : IJudgeModel
{
    /// <summary>MT-Bench's judge allows 2048; the prompts ask for at most a few sentences, which 1024 covers with room to spare.</summary>
    public const int DefaultMaxTokens = 1024;

    private readonly Lock gate = new();
    private readonly EndpointSampling sampling = new() { Temperature = 0, MaxTokens = maxTokens > 0 ? maxTokens : throw new ArgumentException($"judge max tokens must be positive, not {maxTokens}") };
    private Task? servedCheck;

    /// <summary>"openai:URL#MODEL", as the judge spec writes it: the identity in judgements and in the cache key.</summary>
    public string Name { get; } = NameOf(endpoint.Options);

    public OpenAiEndpoint Endpoint => endpoint;

    public static string NameOf(EndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Name;
    }

    /// <summary>Fails with an <see cref="EndpointException"/> when the endpoint cannot be reached or does not serve the model.</summary>
    public Task EnsureServedAsync(CancellationToken cancellationToken = default)
    {
        Task check;
        lock (gate)
        {
            if (servedCheck is null || servedCheck.IsFaulted || servedCheck.IsCanceled)
                servedCheck = endpoint.EnsureModelServedAsync(CancellationToken.None);
            check = servedCheck;
        }
        return check.WaitAsync(cancellationToken);
    }

    public async Task<JudgeCompletion> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await EnsureServedAsync(cancellationToken).ConfigureAwait(false);
        var turns = messages.Select(m => new ChatTurn(m.Role, m.Content)).ToArray();
        var answer = await endpoint.CompleteChatAsync(turns, sampling, cancellationToken).ConfigureAwait(false);
        // An answer cut at the token limit keeps its text: a verdict missing from it is a counted parse failure, not an error.
        return new JudgeCompletion(answer.Text, Tokens(answer.Usage.PromptTokens), Tokens(answer.Usage.CompletionTokens));
    }

    private static int Tokens(long count) => (int)Math.Min(count, int.MaxValue);
}
