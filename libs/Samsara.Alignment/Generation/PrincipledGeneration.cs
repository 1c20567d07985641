using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Internal;
using Samsara.Engine.Generation;

namespace Samsara.Alignment.Generation;

/// <summary>
/// The generation stage (docs/architecture.md §9, §11): for each query, the sampler's C constitutions, one response per
/// constitution written with <see cref="GenerationPrompt"/> (or the compact <see cref="PromptFormat"/>) and cut at its stop strings. All (query,
/// constitution) prompts go through the generator in batches; finished queries come back a group at a time so
/// the caller can save them before the next group starts.
/// </summary>
public sealed class PrincipledGeneration(ITextGenerator generator, ConstitutionSampler sampler, GenerationOptions options, PromptFormat format = PromptFormat.Paper)
{
    /// <summary>
    /// Generates for <paramref name="queries"/> and yields their generation lines, a group of queries at a time.
    /// <paramref name="progress"/> gets (queries done, tokens generated) over the whole call.
    /// </summary>
    public IEnumerable<IReadOnlyList<JsonObject>> Run(IReadOnlyList<Query> queries, Action<int, long>? progress = null)
    {
        var c = sampler.PerQuery;
        var stop = options.Stop.Concat(GenerationPrompt.StopStrings).Distinct(StringComparer.Ordinal).ToArray();
        int done = 0;
        long tokens = 0;
        foreach (var group in queries.Chunk(QueriesPerGroup(options.BatchSize, c)))
        {
            var constitutions = group.Select(q => sampler.Sample(q.Id, q.Category)).ToArray();
            var prompts = group.SelectMany((q, i) => constitutions[i].Select(k => format.Format(k.Text, q.Prompt))).ToArray();
            var labels = group.SelectMany((q, i) => constitutions[i].Select(k =>
                $"{q.Source.Path}:{q.Source.Line}: prompt '{q.Id}' under constitution {k.Signs}")).ToArray();
            var groupOptions = options with { Stop = stop, Seed = GroupSeed(group) };
            long before = tokens;
            var completions = generator.Generate(prompts, groupOptions, (sequences, t) =>
            {
                tokens = before + t;
                progress?.Invoke(done + sequences / c, tokens);
            }, labels);
            done += group.Length;
            yield return group.Select((q, i) => Line(q, constitutions[i], completions.Skip(i * c).Take(c).ToArray())).ToArray();
        }
    }

    /// <summary>
    /// Queries per group: enough that the group's prompts fill whole batches (lcm(batch, C) / C), so no batch
    /// runs part-empty except the last, and few enough that a crash loses little.
    /// </summary>
    public static int QueriesPerGroup(int batchSize, int perQuery) => batchSize / Gcd(batchSize, perQuery);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    // Each group reseeds the sampler; keyed by its queries' ids, so groups do not replay the same random stream.
    private ulong? GroupSeed(Query[] group) =>
        options.Seed is { } seed ? SeededRandom.For(seed, "sampling", string.Join("\n", group.Select(q => q.Id))).NextUInt64() : null;

    private JsonObject Line(Query query, IReadOnlyList<Constitution> constitutions, Completion[] completions)
    {
        // The prompt line as given ("reference" and other fields travel on), then the generation fields.
        var line = (JsonObject)query.Source.Object.DeepClone();
        line["constitutions"] = Strings(constitutions.Select(k => k.Text));
        line["signs"] = Strings(constitutions.Select(k => k.Signs));
        line["principles"] = Strings(sampler.Principles.ForCategory(query.Category).Select(p => p.Id));
        // The model writes after "Assistant Response:", so a response starts with a space and often ends with a newline.
        line["responses"] = Strings(completions.Select(r => r.Text.Trim()));
        line["finish_reasons"] = Strings(completions.Select(r => r.FinishReason.ToWireName()));
        return line;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
