using System.Text.Json.Nodes;

namespace Samsara.Testing;

/// <summary>
/// Training data built at test time from the real reference data (<see cref="TestData"/>; tests using it are data tests): GSM8K questions and worked
/// answers, the math paper's two principles (step by step, LaTeX) with their antitheses, and slices of the multi-task
/// paper's model outputs on MT-Bench.
/// </summary>
public static class RealData
{
    public sealed record MathItem(string Question, string WorkedAnswer, string FinalAnswer);

    public static IReadOnlyList<MathItem> Gsm8k(int count) =>
        File.ReadLines(TestData.File("gsm8k/test.jsonl")).Take(count).Select(line =>
        {
            var json = JsonNode.Parse(line)!;
            var answer = json["answer"]!.GetValue<string>();
            var final = answer[(answer.LastIndexOf("####", StringComparison.Ordinal) + 4)..].Trim();
            return new MathItem(json["question"]!.GetValue<string>(), answer, final);
        }).ToList();

    /// <summary>(strong, antithesis) of math.1 (step by step) and math.2 (LaTeX), from the paper's JSON as published.</summary>
    public static ((string Strong, string Antithesis) StepByStep, (string Strong, string Antithesis) Latex) MathPrinciples()
    {
        var json = JsonNode.Parse(File.ReadAllText(TestData.File("sami_multitask/math_constitution.json")))!;
        (string, string) Read(string id) =>
            (json[id]!["paraphrases"]![0]!.GetValue<string>(), json[id]!["paraphrases_antithesis"]![0]!.GetValue<string>());
        return (Read("math.1"), Read("math.2"));
    }

    /// <summary>The four constitutions {strong, antithesis}² of the math principles, "1. …\n2. …", with the step-by-step sign of each.</summary>
    public static IReadOnlyList<(string Text, bool StepByStep)> MathConstitutions()
    {
        var (steps, latex) = MathPrinciples();
        return
        [
            ($"1. {steps.Strong}\n2. {latex.Strong}", true),
            ($"1. {steps.Strong}\n2. {latex.Antithesis}", true),
            ($"1. {steps.Antithesis}\n2. {latex.Strong}", false),
            ($"1. {steps.Antithesis}\n2. {latex.Antithesis}", false),
        ];
    }

    /// <summary>The multi-task paper's outputs of one model on the 80 MT-Bench questions: "SFT", "DPO_step_11520" or "SAMI-epoch-0.2-wBJc5j".</summary>
    public static string MultitaskResponsesPath(string model) => TestData.File($"sami_multitask/responses_{model}.json");

    /// <summary>
    /// The first <paramref name="perCategory"/> rows of each category of that file, written to <paramref name="path"/>
    /// in the file's own format (one object of columns, row id → value), for tests that need a small real slice.
    /// </summary>
    public static string MultitaskResponses(string model, int perCategory, string path)
    {
        var columns = JsonNode.Parse(File.ReadAllText(MultitaskResponsesPath(model)))!.AsObject();
        var categories = columns["category"]!.AsObject();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = categories.Where(row =>
        {
            var category = row.Value!.GetValue<string>();
            seen[category] = seen.GetValueOrDefault(category) + 1;
            return seen[category] <= perCategory;
        }).Select(row => row.Key).ToHashSet(StringComparer.Ordinal);
        var slice = new JsonObject(columns.Select(column => KeyValuePair.Create(column.Key, (JsonNode?)new JsonObject(
            column.Value!.AsObject().Where(row => rows.Contains(row.Key)).Select(row => KeyValuePair.Create(row.Key, row.Value?.DeepClone()))))));
        File.WriteAllText(path, slice.ToJsonString());
        return path;
    }
}
