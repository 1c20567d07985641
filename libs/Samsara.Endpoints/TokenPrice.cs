namespace Samsara.Endpoints;

/// <summary>
/// What a served model charges per million prompt (input) and completion (output) tokens, in whatever currency the
/// operator bills in; bound from configuration (<c>Judging:OpenAi:Prices</c>), so its properties are settable.
/// </summary>
public sealed class TokenPrice
{
    /// <summary>The model's name as the endpoint serves it (the MODEL of <c>openai:URL#MODEL</c>).</summary>
    public string Model { get; set; } = "";

    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }

    public decimal CostOf(UsageTotals usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return (usage.PromptTokens * InputPerMillion + usage.CompletionTokens * OutputPerMillion) / 1_000_000m;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the problem: a price needs its model and no negative figure.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("a token price needs the model it is for");
        if (InputPerMillion < 0 || OutputPerMillion < 0)
            throw new ArgumentException($"the token prices of '{Model}' must not be negative ({InputPerMillion} input, {OutputPerMillion} output per million)");
    }
}
