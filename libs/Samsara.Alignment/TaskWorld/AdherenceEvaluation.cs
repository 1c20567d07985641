using System.Globalization;
using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Metrics;
using Samsara.Engine;
using Samsara.Engine.Generation;

namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// How well a model follows task-world constitutions, measured by the checkers alone: each task is answered under
/// each of its category's four constitutions ({strong, antithesis}², seeded principle order, training prompt
/// layout). A principle is followed when its checker reads the side the constitution asked for; chance is 50% per
/// principle for a model whose well-formed responses ignore the constitution, 25% for both at once. Math answers
/// are also scored for exactness (last number, <see cref="AnswerExtractor.Flexible"/>).
/// </summary>
public static class AdherenceEvaluation
{
    public sealed record Report(int Responses, double PrincipleAdherence, double BothAdherence, double MathAccuracy,
                                IReadOnlyDictionary<string, double> ByPrinciple, double Temperature)
    {
        public JsonObject ToJson() => new()
        {
            ["temperature"] = Temperature,
            ["responses"] = Responses,
            ["principle_adherence"] = Math.Round(PrincipleAdherence, 4),
            ["both_adherence"] = Math.Round(BothAdherence, 4),
            ["math_accuracy"] = Math.Round(MathAccuracy, 4),
            ["by_principle"] = new JsonObject(ByPrinciple.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 4)))),
        };

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"T={Temperature}: principle adherence {PrincipleAdherence:P1} (chance 50%), both {BothAdherence:P1} (chance 25%), math exact {MathAccuracy:P1}, {Responses} responses");
    }

    public static Report Run(LanguageModel model, IReadOnlyList<WorldTask> tasks, ulong seed, double temperature = 0, int maxNewTokens = 160,
                             Action<int, int>? progress = null)
    {
        var sampler = new ConstitutionSampler(WorldPrinciples.Set, seed);
        var items = tasks.SelectMany(t => sampler.Sample(t.Id, t.Category).Select(c => (Task: t, Constitution: c))).ToArray();
        var options = new GenerationOptions
        {
            Temperature = temperature, MaxNewTokens = maxNewTokens, Seed = seed, BatchSize = 16,
            Stop = GenerationPrompt.StopStrings,
        };
        var completions = new Generator(model).Generate(items.Select(i => TrainingPrompt.Format(i.Constitution.Text, i.Task.Prompt)).ToArray(), options,
            (done, _) => progress?.Invoke(done, items.Length));
        var followed = new Dictionary<string, (int Yes, int All)>(StringComparer.Ordinal);
        int both = 0, mathRight = 0, mathAll = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var (task, constitution) = items[i];
            var response = completions[i].Text.Trim();
            var principles = WorldPrinciples.Set.ForCategory(task.Category);
            var ok = principles.Select((p, k) => WorldPrinciples.Checks[p.Id].Follows(response, constitution.Signs[k])).ToArray();
            for (var k = 0; k < ok.Length; k++)
            {
                var (yes, all) = followed.GetValueOrDefault(principles[k].Id);
                followed[principles[k].Id] = (yes + (ok[k] ? 1 : 0), all + 1);
            }
            if (ok.All(x => x)) both++;
            if (task.Reference is not null && task.Category == "math")
            {
                mathAll++;
                if (AnswerExtractor.Flexible.IsCorrect(response, task.Reference)) mathRight++;
            }
        }
        var byPrinciple = followed.ToDictionary(p => p.Key, p => (double)p.Value.Yes / p.Value.All, StringComparer.Ordinal);
        return new Report(items.Length, followed.Values.Sum(v => v.Yes) / (double)Math.Max(1, followed.Values.Sum(v => v.All)),
            both / (double)Math.Max(1, items.Length), mathAll == 0 ? 0 : mathRight / (double)mathAll, byPrinciple, temperature);
    }
}
