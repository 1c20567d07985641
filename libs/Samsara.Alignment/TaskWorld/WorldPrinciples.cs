using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.TaskWorld.Internal;

namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// The task world's six principles, two per category as in the papers, worded briefly so a whole constitution
/// stays near 100 characters (a byte-level model reads every character), and each with a program that checks it.
/// </summary>
public static class WorldPrinciples
{
    public static IReadOnlyList<Principle> All { get; } =
    [
        new("math.steps", "Show your steps.", "Show your steps, one calculation per line, then the answer.",
            "Give only the final answer, with no steps.", [MathProblems.Category]),
        new("math.latex", "Use LaTeX for math.", "Write every number and calculation in LaTeX.",
            "Write math in plain text, with no LaTeX.", [MathProblems.Category]),
        new("facts.polite", "Be polite.", "Be polite: greet the human and thank them.",
            "Be curt: no greeting and no thanks.", [AnimalFacts.Category]),
        new("facts.detail", "Add a related fact.", "Add one more related fact about the animal.",
            "Give only the fact that was asked for.", [AnimalFacts.Category]),
        new("lists.bullets", "Use a bulleted list.", "Write the items as a bulleted list, one per line.",
            "Write the items on one line, separated by commas.", [ListRequests.Category]),
        new("lists.intro", "Introduce the list.", "Start with a short sentence that introduces the list.",
            "Start directly with the first item, with no introduction.", [ListRequests.Category]),
    ];

    /// <summary>Each principle's checker, by principle id.</summary>
    public static IReadOnlyDictionary<string, PrincipleCheck> Checks { get; } = new Dictionary<string, PrincipleCheck>(StringComparer.Ordinal)
    {
        ["math.steps"] = new("math.steps", "last line \"Answer: …\" with a calculation line (\"=\") before it, vs the answer line alone", MathChecks.Steps),
        ["math.latex"] = new("math.latex", "every digit between paired dollar signs, vs no \"$\" and no \"\\\"", MathChecks.Latex),
        ["facts.polite"] = new("facts.polite", "a greeting first and thanks, vs neither", FactChecks.Polite),
        ["facts.detail"] = new("facts.detail", "two or more factual sentences, vs exactly one", FactChecks.Detail),
        ["lists.bullets"] = new("lists.bullets", "every line after the first a \"- item\" bullet, vs one comma-separated line", ListChecks.Bullets),
        ["lists.intro"] = new("lists.intro", "an opening phrase ending in a colon, vs starting with the items", ListChecks.Intro),
    };

    /// <summary>The principles as a <see cref="PrincipleSet"/>, read from <see cref="ToJson"/> like any principles file.</summary>
    public static PrincipleSet Set { get; } = PrincipleSet.Parse(ToJson().ToJsonString(), "task-world principles");

    /// <summary>Samsara's principles-file format: <c>{"principles":[{"id","weak","strong","antithesis","categories"}]}</c>.</summary>
    public static JsonObject ToJson() => new()
    {
        ["principles"] = new JsonArray(All.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id,
            ["weak"] = p.Weak,
            ["strong"] = p.Strong,
            ["antithesis"] = p.Antithesis,
            ["categories"] = new JsonArray(p.Categories.Select(c => (JsonNode?)c).ToArray()),
        }).ToArray()),
    };

    public static string ToJsonText() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Reads <paramref name="principleId"/>'s adherence off <paramref name="response"/>.</summary>
    public static Adherence Check(string principleId, string response) =>
        Checks.TryGetValue(principleId, out var check) ? check.Check(response)
            : throw new ArgumentException($"\"{principleId}\" is not a task-world principle (they are: {string.Join(", ", Checks.Keys)})");
}
