namespace Samsara.Judging.Reports;

/// <summary>
/// What one judge endpoint (<c>openai:URL#MODEL</c>) cost a run, summed over every replica's tasks: calls answered,
/// attempts repeated (<see cref="RateLimited"/> of them 429s), attempts held back by a pause the endpoint asked for,
/// calls that failed for good, tokens, and the cost when the model's prices are configured (null: tokens only).
/// </summary>
public sealed record EndpointUsage(string Endpoint, long Calls, long Retries, long RateLimited, long ThrottledWaits, long Failures,
                                   long PromptTokens, long CompletionTokens, decimal? Cost);
