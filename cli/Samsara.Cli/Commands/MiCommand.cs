using System.CommandLine;
using System.Globalization;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Metrics;
using Samsara.Engine;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara mi`: the mutual information between constitutions and responses that models assign to a set of
/// generations (each query's C responses, each scored under all C constitutions' training prompts): the SAMI lower
/// bound and the paper's estimate, mean over queries with bootstrap intervals, one line per model.
/// </summary>
internal static class MiCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model") { Description = "Model directory (Hugging Face layout); repeat for several", Required = true, AllowMultipleArgumentsPerToken = true };
        var data = new Option<string>("--data") { Description = "Generation lines {\"id\",\"category\",\"prompt\",\"constitutions\",\"responses\"} (a run's datasets/sami.jsonl or eval/heldout-mi/teacher.jsonl)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap intervals", DefaultValueFactory = _ => 1 };
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var command = new Command("mi", "MI lower bound (log C − SAMI loss) and the SAMI paper's MI estimate of models on generations")
        {
            models, data, seed, device, threads,
        };
        command.SetAction(parse =>
        {
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var queries = DatasetReader.ReadSami(parse.GetRequiredValue(data));
            Console.WriteLine($"| model | MI lower bound [95% CI] | paper's MI estimate [95% CI] | queries |");
            Console.WriteLine("|---|---|---|---:|");
            foreach (var path in parse.GetRequiredValue(models))
            {
                using var lm = LanguageModel.Load(path, target);
                var mi = HeldOutMi.Summarise(path, MutualInformationScoring.Score(lm, queries), parse.GetValue(seed));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {path} | {mi.LowerBound.Mean:0.000} [{mi.LowerBound.Lower:0.000}, {mi.LowerBound.Upper:0.000}] | {mi.Estimate.Mean:0.000} [{mi.Estimate.Lower:0.000}, {mi.Estimate.Upper:0.000}] | {mi.Queries} |"));
            }
            return 0;
        });
        return command;
    }
}
