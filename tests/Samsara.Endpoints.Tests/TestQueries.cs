using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Engine.Data;

namespace Samsara.Endpoints.Tests;

internal static class TestQueries
{
    private static readonly string[] Categories = ["math", "writing", "coding"];

    /// <summary>Queries q0…q(n−1) across categories, each with a prompt of its own length.</summary>
    public static List<Query> Make(int n) => Enumerable.Range(0, n).Select(i =>
    {
        var category = Categories[i % 3];
        var prompt = $"Question {i}{new string('?', i)}";
        var line = new JsonObject { ["id"] = $"q{i}", ["category"] = category, ["prompt"] = prompt };
        return new Query($"q{i}", category, prompt, new JsonlRecord(line, "prompts.jsonl", i + 1));
    }).ToList();

    public static string[] Prompts(int n) => Enumerable.Range(0, n).Select(i => $"Say {i}{new string('!', i)}").ToArray();
}
