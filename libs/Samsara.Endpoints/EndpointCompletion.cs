namespace Samsara.Endpoints;

/// <summary>
/// One answer: its text, why it ended ("stop": the model or a stop string ended it; "length": the token limit;
/// other values as the server sent them), and the tokens it cost.
/// </summary>
public sealed record EndpointCompletion(string Text, string FinishReason, TokenUsage Usage);
