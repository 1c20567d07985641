using System.CommandLine;
using System.Globalization;
using Samsara.Alignment.Metrics;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>`samsara eval`: GSM8K-style accuracy, pass@k under the strict, flexible and paper answer extractors.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var defaults = new EvalSettings { Model = "", Data = "" };
        var model = CommonOptions.Model();
        var data = new Option<string>("--data") { Description = "JSONL of {\"id\",\"prompt\",\"reference\"} or GSM8K {\"question\",\"answer\"} lines", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for samples.jsonl and eval.json (an unfinished run there is resumed)", Required = true };
        var n = new Option<int>("--n") { Description = "Samples per question", DefaultValueFactory = _ => defaults.Samples };
        var k = new Option<string>("--k") { Description = "Comma-separated k's for pass@k, each ≤ n", DefaultValueFactory = _ => "1" };
        var temperature = new Option<double>("--temperature") { Description = "0 is greedy", DefaultValueFactory = _ => defaults.Temperature };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass", DefaultValueFactory = _ => defaults.TopP };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Token limit per response", DefaultValueFactory = _ => defaults.MaxNewTokens };
        var seed = new Option<ulong>("--seed") { Description = "Sampling seed", DefaultValueFactory = _ => defaults.Seed };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first L questions" };
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();
        var threads = CommonOptions.Threads();
        var batchSize = CommonOptions.BatchSize();
        var command = new Command("eval", "Answer accuracy (pass@k) on GSM8K-style questions")
        {
            model, data, output, n, k, temperature, topP, maxNewTokens, seed, limit, device, dtype, threads, batchSize,
        };
        command.SetAction(parse =>
        {
            var settings = new EvalSettings
            {
                Model = parse.GetRequiredValue(model),
                Data = parse.GetRequiredValue(data),
                Limit = parse.GetValue(limit),
                Samples = parse.GetValue(n),
                Ks = ParseKs(parse.GetRequiredValue(k)),
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                MaxNewTokens = parse.GetValue(maxNewTokens),
                Seed = parse.GetValue(seed),
                BatchSize = parse.GetValue(batchSize),
            };
            settings.Validate();
            if (settings.Samples > 1 && settings.Temperature == 0)
                Console.Error.WriteLine($"samsara: note: at temperature 0 all {settings.Samples} samples of a question are the same; give --temperature 1 for pass@k with k > 1");
            // The data is checked before the model is loaded: a bad line should not cost a model load.
            var questions = Jsonl.Read(settings.Data).Select(EvalQuestion.FromRecord).Take(settings.Limit ?? int.MaxValue).ToList();
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var dt = parse.GetValue(dtype) is { } name ? TorchNames.ParseFloat(name) : (ScalarType?)null;
            using var lm = LanguageModel.Load(settings.Model, target, dt);
            var bar = new ProgressBar("eval", (long)questions.Count * settings.Samples, "samples");
            var outputDirectory = parse.GetRequiredValue(output);
            var report = new AccuracyEvaluation(lm, settings).Run(questions, outputDirectory, (done, _) => bar.Report(done));
            Print(report, outputDirectory);
            return 0;
        });
        return command;
    }

    private static int[] ParseKs(string text) => text.Split(',', StringSplitOptions.TrimEntries).Select(part =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--k {text}: '{part}' is not a whole number")).ToArray();

    private static void Print(AccuracyReport report, string outputDirectory)
    {
        Console.WriteLine($"{report.Questions} questions, n = {report.Settings.Samples}, temperature {report.Settings.Temperature.ToString(CultureInfo.InvariantCulture)}");
        foreach (var k in report.Settings.Ks.Distinct().Order())
            Console.WriteLine($"pass@{k}: " + string.Join("  ", report.PassAtK.Select(p => $"{p.Key} {p.Value[k].ToString("F4", CultureInfo.InvariantCulture)}")));
        Console.WriteLine($"wrote {Path.Combine(outputDirectory, AccuracyEvaluation.SamplesFile)} and {Path.Combine(outputDirectory, AccuracyEvaluation.ReportFile)}");
    }
}
