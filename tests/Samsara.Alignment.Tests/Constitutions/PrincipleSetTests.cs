using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;

namespace Samsara.Alignment.Tests.Constitutions;

public sealed class PrincipleSetTests
{
    private static readonly string[] MtBenchCategories = ["writing", "roleplay", "reasoning", "math", "coding", "extraction", "stem", "humanities"];

    private static string PaperFile(string name) => TestData.File($"sami_multitask/{name}");

    [DataFact]
    public void The_papers_mt_bench_file_loads_as_it_is()
    {
        var path = PaperFile("mt_bench_constitution.json");
        var raw = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var set = PrincipleSet.Load(path);

        Assert.Equal(raw.Select(p => p.Key), set.Principles.Select(p => p.Id));
        foreach (var p in set.Principles)
        {
            Assert.Equal(raw[p.Id]!["weak"]!.GetValue<string>(), p.Weak);
            Assert.Equal(raw[p.Id]!["strong"]!.GetValue<string>(), p.Strong);
            Assert.Equal(raw[p.Id]!["antithesis"]!.GetValue<string>(), p.Antithesis);
            Assert.Equal(raw[p.Id]!["relevant_for"]!.AsArray().Select(c => c!.GetValue<string>()), p.Categories);
        }
        Assert.Equal(MtBenchCategories.Order(), set.Categories.Order());
        foreach (var category in MtBenchCategories) Assert.Equal(2, set.ForCategory(category).Count);
        // Canonical order is file order: math.1 comes before generic_human in the file.
        Assert.Equal(["math.1", "generic_human"], set.ForCategory("reasoning").Select(p => p.Id));
    }

    [DataFact]
    public void The_papers_math_file_maps_definition_and_first_paraphrases()
    {
        var path = PaperFile("math_constitution.json");
        var raw = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var set = PrincipleSet.Load(path);

        Assert.Equal(raw.Select(p => p.Key), set.Principles.Select(p => p.Id));
        foreach (var p in set.Principles)
        {
            Assert.Equal(raw[p.Id]!["definition"]!.GetValue<string>(), p.Weak);
            Assert.Equal(raw[p.Id]!["paraphrases"]![0]!.GetValue<string>(), p.Strong);
            Assert.Equal(raw[p.Id]!["paraphrases_antithesis"]![0]!.GetValue<string>(), p.Antithesis);
            Assert.Equal(["math"], p.Categories);
        }
        Assert.Equal(["math"], set.Categories);
        Assert.Equal(2, set.ForCategory("math").Count);
    }

    [Fact]
    public void The_default_set_has_two_distinct_principles_for_every_mt_bench_category()
    {
        var set = PrincipleSet.Default;
        Assert.Equal(MtBenchCategories.Order(), set.Categories.Order());
        foreach (var category in MtBenchCategories)
        {
            var principles = set.ForCategory(category);
            Assert.Equal(2, principles.Count);
            Assert.NotEqual(principles[0].Id, principles[1].Id);
        }
        var texts = set.Principles.SelectMany(p => new[] { p.Weak, p.Strong, p.Antithesis }).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.All(set.Principles, p => Assert.True(p.Strong.Length > p.Weak.Length, $"{p.Id}: the strong wording spells the weak one out"));
        Assert.Same(set, PrincipleSet.LoadOrDefault("default"));
    }

    [Fact]
    public void Samsaras_format_reads_every_field_and_categories_ignore_case()
    {
        var set = PrincipleSet.Parse("""
            {"principles": [
              {"id": "a", "weak": "wa", "strong": "sa", "antithesis": "xa", "categories": ["Math", "stem"]},
              {"id": "b", "weak": "wb", "strong": "sb", "antithesis": "xb", "categories": ["math", "stem"]}
            ]}
            """, "mine.json");
        var a = set.Principles[0];
        Assert.Equal(("a", "wa", "sa", "xa"), (a.Id, a.Weak, a.Strong, a.Antithesis));
        Assert.Equal(["Math", "stem"], a.Categories);
        Assert.Equal(["a", "b"], set.ForCategory("MATH").Select(p => p.Id));
        Assert.Equal(["a", "b"], set.ForCategory("stem").Select(p => p.Id));
    }

    [Theory]
    [InlineData("{\"principles\": [", "bad.json: not valid JSON")]
    [InlineData("[1, 2]", "bad.json: expected a JSON object")]
    [InlineData("{}", "bad.json: no principles")]
    [InlineData("{\"principles\": [{\"id\": \"a\", \"weak\": \"w\", \"antithesis\": \"x\", \"categories\": [\"math\"]}]}",
        "bad.json: principle \"a\": field \"strong\" must be a non-empty string (it is missing)")]
    [InlineData("{\"principles\": [{\"weak\": \"w\"}]}", "bad.json: principles[0]: field \"id\" must be a non-empty string (it is missing)")]
    [InlineData("{\"principles\": [{\"id\": \"a\", \"weak\": \"w\", \"strong\": \"s\", \"antithesis\": \"x\", \"categories\": \"math\"}]}",
        "bad.json: principle \"a\": field \"categories\" must be a non-empty list of non-empty strings")]
    [InlineData("{\"m\": {\"weak\": \"w\", \"strong\": \"s\", \"antithesis\": 3, \"relevant_for\": [\"math\"]}}",
        "bad.json: principle \"m\": field \"antithesis\" must be a non-empty string")]
    [InlineData("{\"m\": {\"weak\": \"w\", \"strong\": \"s\", \"antithesis\": \"x\"}}",
        "bad.json: principle \"m\": field \"relevant_for\" must be a non-empty list of non-empty strings (it is missing)")]
    [InlineData("{\"m\": {\"definition\": \"d\", \"paraphrases\": [], \"paraphrases_antithesis\": [\"x\"]}}",
        "bad.json: principle \"m\": field \"paraphrases\" must be a non-empty list")]
    [InlineData("{\"m\": \"just text\"}", "bad.json: principle \"m\" must be an object")]
    [InlineData("{\"m\": {\"definition\": \"d\", \"paraphrases\": [\"s\"], \"paraphrases_antithesis\": [\"x\"]}}",
        "bad.json: category \"math\" has 1 principle(s) (m); each category needs exactly 2")]
    public void Malformed_files_are_errors_naming_the_file_and_field(string json, string expected)
    {
        var e = Assert.Throws<PrincipleSetException>(() => PrincipleSet.Parse(json, "bad.json"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Three_principles_in_a_category_or_a_repeated_id_are_errors()
    {
        static string P(string id) => $"{{\"id\": \"{id}\", \"weak\": \"w\", \"strong\": \"s\", \"antithesis\": \"x\", \"categories\": [\"math\"]}}";
        var three = Assert.Throws<PrincipleSetException>(() => PrincipleSet.Parse($"{{\"principles\": [{P("a")}, {P("b")}, {P("c")}]}}", "p.json"));
        Assert.Contains("p.json: category \"math\" has 3 principle(s) (a, b, c)", three.Message);
        var repeated = Assert.Throws<PrincipleSetException>(() => PrincipleSet.Parse($"{{\"principles\": [{P("a")}, {P("a")}]}}", "p.json"));
        Assert.Contains("p.json: principle id \"a\" appears 2 times", repeated.Message);
    }

    [Fact]
    public void A_missing_file_and_an_unknown_category_are_named()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nope.json");
        Assert.Contains($"{missing}: file not found", Assert.Throws<PrincipleSetException>(() => PrincipleSet.Load(missing)).Message);
        var e = Assert.Throws<PrincipleSetException>(() => PrincipleSet.Default.ForCategory("cooking"));
        Assert.Contains("default principles: no principles for category \"cooking\" (it has: coding, extraction", e.Message);
    }
}
