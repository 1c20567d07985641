using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions.Internal;

namespace Samsara.Alignment.Constitutions;

/// <summary>
/// The principles a run draws constitutions from, each category with exactly two (so a query has the four
/// constitutions {strong, antithesis}²). Files come in Samsara's format or in either format of the multi-task
/// paper's repository, read as they are (see <see cref="Load"/>).
/// </summary>
public sealed class PrincipleSet
{
    /// <summary>Every category has this many principles: the papers' constitutions are pairs.</summary>
    public const int PrinciplesPerCategory = 2;

    private const string DefaultResource = "Samsara.Alignment.Constitutions.default-principles.json";

    private static readonly Lazy<PrincipleSet> DefaultSet = new(LoadDefault);

    private readonly Dictionary<string, Principle[]> byCategory;

    private PrincipleSet(IReadOnlyList<Principle> principles, string source)
    {
        Principles = principles;
        Source = source;
        // Categories compare ignoring case: "Math" in a prompts file means the same as "math" in the principles.
        byCategory = principles
            .SelectMany(p => p.Categories.Select(c => (Category: c, Principle: p)))
            .GroupBy(x => x.Category, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Principle).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
        foreach (var (category, members) in byCategory)
            if (members.Length != PrinciplesPerCategory)
                throw new PrincipleSetException(
                    $"{source}: category \"{category}\" has {members.Length} principle(s) ({string.Join(", ", members.Select(p => p.Id))}); " +
                    $"each category needs exactly {PrinciplesPerCategory}");
    }

    /// <summary>Samsara's own principles for the eight MT-Bench categories (shipped in the assembly).</summary>
    public static PrincipleSet Default => DefaultSet.Value;

    /// <summary>All principles, in file order: the canonical order that constitution signs refer to.</summary>
    public IReadOnlyList<Principle> Principles { get; }

    /// <summary>Where the set came from (a path, or "default principles"), for messages.</summary>
    public string Source { get; }

    public IReadOnlyCollection<string> Categories => byCategory.Keys;

    /// <summary>
    /// Reads a principles file. Three formats are accepted, told apart by shape:
    /// Samsara's <c>{"principles": [{"id","weak","strong","antithesis","categories": […]}]}</c>;
    /// the paper's MT-Bench file <c>{"ID": {"weak","strong","antithesis","relevant_for": […]}}</c>;
    /// the paper's math file <c>{"ID": {"definition","paraphrases": […],"paraphrases_antithesis": […]}}</c>, read as
    /// weak = definition, strong = paraphrases[0], antithesis = paraphrases_antithesis[0], categories = ["math"].
    /// </summary>
    public static PrincipleSet Load(string path)
    {
        if (!File.Exists(path)) throw new PrincipleSetException($"{path}: file not found");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>"default" names <see cref="Default"/>; anything else is a path for <see cref="Load"/>.</summary>
    public static PrincipleSet LoadOrDefault(string pathOrDefault) =>
        pathOrDefault == "default" ? Default : Load(pathOrDefault);

    /// <summary>Parses the text of a principles file; <paramref name="source"/> names it in errors.</summary>
    public static PrincipleSet Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PrincipleSetException($"{source}: not valid JSON ({e.Message})");
        }
        if (root is not JsonObject obj) throw new PrincipleSetException($"{source}: expected a JSON object");
        var principles = obj["principles"] is JsonArray list ? PrincipleJson.ReadSamsara(list, source) : PrincipleJson.ReadPaper(obj, source);
        if (principles.Count == 0) throw new PrincipleSetException($"{source}: no principles");
        var duplicate = principles.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new PrincipleSetException($"{source}: principle id \"{duplicate.Key}\" appears {duplicate.Count()} times");
        return new PrincipleSet(principles, source);
    }

    /// <summary>The two principles of <paramref name="category"/>, in canonical (file) order.</summary>
    public IReadOnlyList<Principle> ForCategory(string category) =>
        byCategory.TryGetValue(category, out var members) ? members
            : throw new PrincipleSetException(
                $"{Source}: no principles for category \"{category}\" (it has: {string.Join(", ", byCategory.Keys.Order(StringComparer.Ordinal))})");

    public bool HasCategory(string category) => byCategory.ContainsKey(category);

    private static PrincipleSet LoadDefault()
    {
        using var stream = typeof(PrincipleSet).Assembly.GetManifestResourceStream(DefaultResource)
                           ?? throw new InvalidOperationException($"the assembly lacks its resource {DefaultResource}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default principles");
    }
}
