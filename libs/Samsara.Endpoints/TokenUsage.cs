namespace Samsara.Endpoints;

/// <summary>Tokens an endpoint billed: the prompt's and the completion's, as its "usage" field reports them.</summary>
public readonly record struct TokenUsage(long PromptTokens, long CompletionTokens)
{
    public long TotalTokens => PromptTokens + CompletionTokens;

    public static TokenUsage operator +(TokenUsage a, TokenUsage b) =>
        new(a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens);
}
