using Samsara.Engine.Generation;

namespace Samsara.Endpoints.Generation;

/// <summary>
/// The generation step on a served model: each prompt is one request, up to the endpoint's concurrency at once.
/// Sampling maps onto the request (max tokens, temperature, top-p, top-k as vLLM's extension, stop strings); a
/// batch seed becomes one seed per prompt, so servers that honour seeds reproduce a run. "stop" answers become
/// <see cref="FinishReason.Stop"/> (the API does not tell EOS from a stop string), "length" becomes
/// <see cref="FinishReason.Length"/>; any other finish reason, or one failed prompt, fails the call with the
/// prompt's label, so a caller never records a partial batch.
/// </summary>
public sealed class EndpointTextGenerator(OpenAiEndpoint endpoint, EndpointApi api = EndpointApi.Completions) : ITextGenerator
{
    public IReadOnlyList<Completion> Generate(IReadOnlyList<string> prompts, GenerationOptions options, Action<int, long>? progress = null,
                                              IReadOnlyList<string>? labels = null) =>
        GenerateAsync(prompts, options, progress, labels, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<Completion>> GenerateAsync(IReadOnlyList<string> prompts, GenerationOptions options, Action<int, long>? progress,
                                                              IReadOnlyList<string>? labels, CancellationToken cancellationToken)
    {
        options.Validate();
        var results = new Completion[prompts.Count];
        int done = 0;
        long tokens = 0;
        var progressLock = new object();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task One(int i)
        {
            var label = labels?[i] ?? $"prompt {i}";
            var sampling = Sampling(options, i);
            EndpointCompletion answer;
            try
            {
                answer = api == EndpointApi.Chat
                    ? await endpoint.CompleteChatAsync([ChatTurn.User(prompts[i])], sampling, failed.Token).ConfigureAwait(false)
                    : await endpoint.CompleteTextAsync(prompts[i], sampling, failed.Token).ConfigureAwait(false);
            }
            catch (EndpointException e)
            {
                await failed.CancelAsync().ConfigureAwait(false);
                throw new EndpointException($"{label}: {e.Message}", e.StatusCode, e);
            }
            results[i] = new Completion(answer.Text, [], FinishReasonOf(answer.FinishReason, label));
            lock (progressLock)
            {
                done++;
                tokens += answer.Usage.CompletionTokens;
                progress?.Invoke(done, tokens);
            }
        }
        var all = Task.WhenAll(Enumerable.Range(0, prompts.Count).Select(One));
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (Exception) when (all.Exception?.InnerExceptions.OfType<EndpointException>().FirstOrDefault() is { } first)
        {
            // The first real failure, not the cancellations it caused in the other requests.
            throw first;
        }
        return results;
    }

    private static EndpointSampling Sampling(GenerationOptions options, int index) => new()
    {
        Temperature = options.Temperature,
        TopP = options.TopP,
        TopK = options.TopK,
        MaxTokens = options.MaxNewTokens,
        Stop = options.Stop,
        Seed = options.Seed is { } seed ? PromptSeed(seed, index) : null,
        IgnoreEos = options.IgnoreEos,
    };

    // SplitMix64 of (seed, index): distinct prompts of a batch get unrelated seeds; kept within long for the wire.
    private static long PromptSeed(ulong seed, int index)
    {
        var z = seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) >> 1);
    }

    private static FinishReason FinishReasonOf(string reason, string label) => reason switch
    {
        "stop" or "eos" => FinishReason.Stop,
        "length" => FinishReason.Length,
        _ => throw new EndpointException($"{label}: the endpoint ended the answer with finish_reason '{reason}', which generation cannot use"),
    };
}
