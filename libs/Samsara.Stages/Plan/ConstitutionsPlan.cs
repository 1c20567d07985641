using Samsara.Alignment.Constitutions;
using Samsara.Api;
using Samsara.Api.V1;

namespace Samsara.Stages.Plan;

/// <summary>
/// Where the principles come from (a file, or <c>default</c>: the built-in set), how many constitutions are sampled
/// per prompt (default 4: every {strong, antithesis}² combination) and the training prompt's layout (default paper).
/// </summary>
public sealed record ConstitutionsPlan(string Principles, int PerPrompt, PromptFormat PromptFormat)
{
    public const int DefaultPerPrompt = 4;

    public static ConstitutionsPlan Of(ConstitutionSpec c) => new(
        c.Principles.Length == 0 ? RunSpecPaths.DefaultPrinciples : c.Principles,
        c.PerPrompt == 0 ? DefaultPerPrompt : (int)c.PerPrompt,
        PromptFormats.Parse(c.PromptFormat));

    /// <summary>The principle set the run samples from and judges by.</summary>
    public PrincipleSet Load() => PrincipleSet.LoadOrDefault(Principles);
}
