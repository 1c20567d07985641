using System.Text.Json.Nodes;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Datasets;

/// <summary>
/// Turns kept generations into training sets. Prompts use the constitution text exactly as sampled — principle
/// order was shuffled when the constitutions were drawn, so trainers never reorder anything.
/// </summary>
public static class DatasetBuilder
{
    public static SamiExample Sami(GenerationRecord g) => new(g.Id, g.Category, g.Prompt, g.Constitutions, g.Responses);

    /// <summary>The positive constitution's prompt and response.</summary>
    public static SftExample Sft(GenerationRecord g)
    {
        var positive = g.PositiveIndex;
        return new SftExample(g.Id, TrainingPrompt.Format(g.Constitutions[positive], g.Prompt), g.Responses[positive]);
    }

    /// <summary>Under the positive constitution's prompt: its response chosen over the all-antithesis constitution's.</summary>
    public static PreferencePair Dpo(GenerationRecord g)
    {
        int positive = g.PositiveIndex, antithesis = g.AntithesisIndex;
        return new PreferencePair(g.Id, TrainingPrompt.Format(g.Constitutions[positive], g.Prompt), g.Responses[positive], g.Responses[antithesis]);
    }

    /// <summary>Reads generation lines from <paramref name="input"/> and writes the <paramref name="kind"/> set atomically; returns the count.</summary>
    public static int Build(string input, DatasetKind kind, string output)
    {
        var generations = DatasetReader.ReadGenerations(input);
        var lines = generations.Select(g => kind switch
        {
            // SAMI examples are the kept generation lines themselves, extra fields ("reference", "signs") included.
            DatasetKind.Sami => (JsonObject)g.Source.Object.DeepClone(),
            DatasetKind.Sft => Sft(g).ToJson(),
            DatasetKind.Dpo => Dpo(g).ToJson(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        }).ToList();
        Jsonl.Write(output, lines);
        return lines.Count;
    }
}
