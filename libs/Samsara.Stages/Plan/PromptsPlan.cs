using Samsara.Api.V1;

namespace Samsara.Stages.Plan;

/// <summary>A prompt file and how many of its prompts the run uses (<see cref="Limit"/> null: all of them).</summary>
public sealed record PromptsPlan(string Path, int? Limit)
{
    public static PromptsPlan Of(PromptSet prompts) => new(prompts.Path, prompts.Limit > 0 ? (int)prompts.Limit : null);

    /// <summary>The first <see cref="Limit"/> of <paramref name="items"/>, or all of them.</summary>
    public IReadOnlyList<T> Take<T>(IEnumerable<T> items) => (Limit is { } limit ? items.Take(limit) : items).ToList();
}
