using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Generation;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;

namespace Samsara.Alignment.Tests.Generation;

public sealed class PromptFormatTests
{
    // Records the prompts it is given and answers each with a fixed text.
    private sealed class RecordingGenerator : ITextGenerator
    {
        public List<string> Prompts { get; } = [];

        public IReadOnlyList<Completion> Generate(IReadOnlyList<string> prompts, GenerationOptions options, Action<int, long>? progress = null,
                                                  IReadOnlyList<string>? labels = null)
        {
            Prompts.AddRange(prompts);
            return prompts.Select(_ => new Completion(" Answer: 4\n", [], FinishReason.Eos)).ToList();
        }
    }

    private static Query Query(string category)
    {
        var line = new JsonObject { ["id"] = "q0", ["category"] = category, ["prompt"] = "What is 2 + 2?" };
        return new Query("q0", category, "What is 2 + 2?", new JsonlRecord(line, "prompts.jsonl", 1));
    }

    [Theory]
    [InlineData(null, PromptFormat.Paper)]
    [InlineData("", PromptFormat.Paper)]
    [InlineData("paper", PromptFormat.Paper)]
    [InlineData("compact", PromptFormat.Compact)]
    public void The_spec_names_parse(string? name, PromptFormat expected) => Assert.Equal(expected, PromptFormats.Parse(name));

    [Fact]
    public void An_unknown_name_is_refused_by_name() =>
        Assert.Contains("'chatml' is not paper or compact", Assert.Throws<ArgumentException>(() => PromptFormats.Parse("chatml")).Message, StringComparison.Ordinal);

    [Fact]
    public void The_compact_format_prompts_the_teacher_in_the_training_layout_alone()
    {
        var generator = new RecordingGenerator();
        var sampler = new ConstitutionSampler(PrincipleSet.Default, seed: 2);
        var line = new PrincipledGeneration(generator, sampler, new GenerationOptions { MaxNewTokens = 4 }, PromptFormat.Compact)
            .Run([Query("math")]).Single().Single();

        var constitutions = line["constitutions"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(constitutions.Select(c => TrainingPrompt.Format(c, "What is 2 + 2?")), generator.Prompts);
        Assert.All(line["responses"]!.AsArray(), r => Assert.Equal("Answer: 4", (string)r!));
    }

    [Fact]
    public void The_paper_format_is_the_generation_prompt_and_stays_the_default()
    {
        var generator = new RecordingGenerator();
        var lines = new PrincipledGeneration(generator, new ConstitutionSampler(PrincipleSet.Default, seed: 2), new GenerationOptions { MaxNewTokens = 4 })
            .Run([Query("math")]).SelectMany(g => g).ToList();
        Assert.Single(lines);
        Assert.Equal(4, generator.Prompts.Count);
        Assert.All(generator.Prompts, p => Assert.StartsWith(GenerationPrompt.Format("", "")[..40], p, StringComparison.Ordinal));
        Assert.All(generator.Prompts, p => Assert.EndsWith("Human: What is 2 + 2?\n\nAssistant Response:", p, StringComparison.Ordinal));
    }
}
