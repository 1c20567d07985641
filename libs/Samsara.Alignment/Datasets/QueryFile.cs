using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets.Internal;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Datasets;

/// <summary>Reads prompts files, checking every line before any generation starts.</summary>
public static class QueryFile
{
    /// <summary>
    /// The queries of <paramref name="path"/>; every line needs "id", "category" and "prompt", ids must be unique
    /// (resuming finds finished work by id), and each category must have principles in <paramref name="principles"/>.
    /// </summary>
    public static IReadOnlyList<Query> Read(string path, PrincipleSet principles)
    {
        var queries = new List<Query>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Jsonl.Read(path))
        {
            var query = new Query(line.Id(), line.RequiredString("category"), line.RequiredString("prompt"), line);
            if (!seen.TryAdd(query.Id, line.Line))
                throw line.Error($"id \"{query.Id}\" was already used on line {seen[query.Id]}");
            if (!principles.HasCategory(query.Category))
                throw line.Error($"category \"{query.Category}\" has no principles in {principles.Source} " +
                                 $"(it has: {string.Join(", ", principles.Categories.Order(StringComparer.Ordinal))})");
            queries.Add(query);
        }
        return queries;
    }
}
