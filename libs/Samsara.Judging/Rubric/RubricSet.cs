namespace Samsara.Judging.Rubric;

/// <summary>
/// Which checks apply to which category. <see cref="Default"/> follows the multi-task paper's principle table
/// (Govande 2024) where a principle can be verified without a model: math — steps and LaTeX; reasoning and
/// stem — steps and a final-answer line; coding — explanation before code and fenced code; writing, humanities and
/// roleplay — politeness (their other principle, "respond as a helpful human" or a persona, is not verifiable).
/// Extraction's principles (comprehensive vs only relevant) are not verifiable: its items are ties.
/// <see cref="Uniform"/> applies one list of checks to every category (the rubric spec "rubric:latex,steps").
/// </summary>
public sealed class RubricSet
{
    public const string DefaultVersion = "samsara-rubric-v1";

    private readonly IReadOnlyDictionary<string, IReadOnlyList<IRubricCheck>>? byCategory;
    private readonly IReadOnlyList<IRubricCheck> everywhere;

    private RubricSet(string name, IReadOnlyDictionary<string, IReadOnlyList<IRubricCheck>>? byCategory, IReadOnlyList<IRubricCheck> everywhere)
    {
        Name = name;
        this.byCategory = byCategory;
        this.everywhere = everywhere;
    }

    /// <summary>Names the rubric in the judge's identity (and so in the cache key).</summary>
    public string Name { get; }

    public static RubricSet Default { get; } = new(DefaultVersion, new Dictionary<string, IReadOnlyList<IRubricCheck>>(StringComparer.OrdinalIgnoreCase)
    {
        ["math"] = [RubricChecks.Steps, RubricChecks.Latex],
        ["reasoning"] = [RubricChecks.Steps, RubricChecks.FinalAnswer],
        ["stem"] = [RubricChecks.Steps, RubricChecks.FinalAnswer],
        ["coding"] = [RubricChecks.ExplainFirst, RubricChecks.FencedCode],
        ["writing"] = [RubricChecks.Polite],
        ["humanities"] = [RubricChecks.Polite],
        ["roleplay"] = [RubricChecks.Polite],
        ["extraction"] = [],
    }, []);

    /// <summary>Checks per category (other categories have none: their items are ties), named <paramref name="name"/>.</summary>
    public static RubricSet ByCategory(string name, IReadOnlyDictionary<string, IReadOnlyList<IRubricCheck>> checks) =>
        new(name, new Dictionary<string, IReadOnlyList<IRubricCheck>>(checks, StringComparer.OrdinalIgnoreCase), []);

    /// <summary>The same checks for every category, e.g. from "latex,steps,words&lt;=200".</summary>
    public static RubricSet Uniform(IReadOnlyList<IRubricCheck> checks)
    {
        if (checks.Count == 0) throw new ArgumentException("a rubric needs at least one check");
        return new RubricSet(DefaultVersion + ":" + string.Join(",", checks.Select(c => c.Name)), null, checks);
    }

    public IReadOnlyList<IRubricCheck> ChecksFor(string category) =>
        byCategory is null ? everywhere : byCategory.TryGetValue(category, out var checks) ? checks : [];
}
