namespace Samsara.Engine.Generation;

/// <summary>
/// Where completions come from: the local engine (<see cref="Generator"/>) or a served model (Samsara.Endpoints).
/// Generation stages write against this, so a run's teacher can be either.
/// </summary>
public interface ITextGenerator
{
    /// <summary>
    /// One completion per prompt, in order. <paramref name="progress"/> gets (prompts done, tokens generated);
    /// errors name a prompt by its <paramref name="labels"/> entry.
    /// </summary>
    IReadOnlyList<Completion> Generate(IReadOnlyList<string> prompts, GenerationOptions options, Action<int, long>? progress = null,
                                       IReadOnlyList<string>? labels = null);
}
