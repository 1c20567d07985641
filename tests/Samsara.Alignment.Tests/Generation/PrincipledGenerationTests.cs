using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Generation;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Samsara.Engine.Generation.Generator;

namespace Samsara.Alignment.Tests.Generation;

public sealed class PrincipledGenerationTests : IDisposable
{
    private static readonly string[] FinishReasons = ["eos", "stop", "length"];

    private readonly TempDirectory dir = new();
    private readonly LanguageModel model;

    public PrincipledGenerationTests()
    {
        // The generation prompt is about 1,200 byte tokens: the tiny model needs a long context.
        var config = TinyModels.Config(layers: 1);
        config["max_position_embeddings"] = 2048;
        model = LanguageModel.Load(TinyModels.Create(dir.File("model"), config), CPU);
    }

    public void Dispose()
    {
        model.Dispose();
        dir.Dispose();
    }

    private static List<Query> Queries(params string[] categories) => categories.Select((c, i) =>
    {
        var line = new JsonObject { ["id"] = $"q{i}", ["category"] = c, ["prompt"] = $"Question {i}?", ["reference"] = $"{i}" };
        return new Query($"q{i}", c, $"Question {i}?", new JsonlRecord(line, "prompts.jsonl", i + 1));
    }).ToList();

    [Theory]
    [InlineData(8, 4, 2)]
    [InlineData(6, 4, 3)]
    [InlineData(1, 4, 1)]
    [InlineData(5, 2, 5)]
    [InlineData(4, 4, 1)]
    public void Groups_of_queries_fill_whole_batches(int batch, int perQuery, int expected) =>
        Assert.Equal(expected, PrincipledGeneration.QueriesPerGroup(batch, perQuery));

    [Fact]
    public void Each_query_gets_a_generation_line_with_one_response_per_constitution()
    {
        var sampler = new ConstitutionSampler(PrincipleSet.Default, seed: 4);
        var options = new GenerationOptions { MaxNewTokens = 5, Temperature = 0, BatchSize = 8, Seed = 1 };
        var queries = Queries("math", "writing", "coding");

        var groups = new PrincipledGeneration(new Generator(model), sampler, options).Run(queries).ToList();

        Assert.Equal([2, 1], groups.Select(g => g.Count));   // 8 sequences per group: two queries of four
        var lines = groups.SelectMany(g => g).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var record = GenerationRecord.From(new JsonlRecord(lines[i], "out.jsonl", i + 1));
            Assert.Equal((queries[i].Id, queries[i].Category, queries[i].Prompt), (record.Id, record.Category, record.Prompt));
            Assert.Equal($"{i}", lines[i]["reference"]!.GetValue<string>());
            var expected = sampler.Sample(queries[i].Id, queries[i].Category);
            Assert.Equal(expected.Select(c => c.Text), record.Constitutions);
            Assert.Equal(["++", "+-", "-+", "--"], record.Signs!);
            Assert.Equal(PrincipleSet.Default.ForCategory(queries[i].Category).Select(p => p.Id),
                lines[i]["principles"]!.AsArray().Select(p => p!.GetValue<string>()));
            Assert.Equal(4, record.Responses.Count);
            Assert.All(record.Responses, r => Assert.Equal(r.Trim(), r));
            Assert.All(record.FinishReasons, f => Assert.Contains(f, FinishReasons));
        }
    }

    [Fact]
    public void Responses_are_what_the_generator_writes_for_the_generation_prompt()
    {
        var sampler = new ConstitutionSampler(PrincipleSet.Default, seed: 4, perQuery: 2);
        var options = new GenerationOptions { MaxNewTokens = 6, Temperature = 0, BatchSize = 2 };
        var query = Queries("stem")[0];
        var line = new PrincipledGeneration(new Generator(model), sampler, options).Run([query]).Single().Single();

        // Greedy decoding of the same prompts in the same batch, cut at the same stop strings.
        var constitutions = sampler.Sample(query.Id, query.Category);
        var direct = new Generator(model).Generate(constitutions.Select(c => GenerationPrompt.Format(c.Text, query.Prompt)).ToArray(),
            options with { Stop = GenerationPrompt.StopStrings });
        Assert.Equal(direct.Select(c => c.Text.Trim()), line["responses"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(direct.Select(c => c.FinishReason.ToWireName()), line["finish_reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void Progress_counts_queries_up_to_the_total()
    {
        var reports = new List<int>();
        var generation = new PrincipledGeneration(new Generator(model), new ConstitutionSampler(PrincipleSet.Default, 0),
            new GenerationOptions { MaxNewTokens = 2, Temperature = 0, BatchSize = 4 });
        _ = generation.Run(Queries("math", "stem", "roleplay"), (done, _) => reports.Add(done)).ToList();
        Assert.Equal([1, 2, 3], reports);
    }
}
