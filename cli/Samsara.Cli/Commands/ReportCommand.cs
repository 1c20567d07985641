using System.CommandLine;
using Samsara.Alignment.Metrics;
using Samsara.Judging;
using Samsara.Judging.Reports;

namespace Samsara.Cli.Commands;

/// <summary>`samsara report`: win rates (per category, bootstrap CIs) from a judgements file and pass@k curves from eval.json files, as report.md, report.json and SVG charts.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var judgements = new Option<string?>("--judgements") { Description = "Judgements JSONL from `samsara judge`" };
        var eval = new Option<string[]>("--eval") { Description = "eval.json from `samsara eval` (repeat for several models)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var output = new Option<string>("--out") { Description = "Directory for report.md, report.json and the charts", Required = true };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples", DefaultValueFactory = _ => WinRates.DefaultResamples };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed", DefaultValueFactory = _ => 0 };
        var command = new Command("report", "Report win rates and pass@k with charts")
        {
            judgements, eval, output, resamples, seed,
        };
        command.SetAction(parse =>
        {
            var judgementsPath = parse.GetValue(judgements);
            var evals = parse.GetValue(eval) ?? [];
            if (judgementsPath is null && evals.Length == 0) throw new ArgumentException("give --judgements, --eval or both");
            var summary = judgementsPath is null ? null
                : JudgementSummary.Compute(JudgementJson.Read(judgementsPath), parse.GetValue(resamples), parse.GetValue(seed));
            var curves = evals.Select(EvalCurve.Read).ToList();
            foreach (var path in ReportWriter.Write(parse.GetRequiredValue(output), summary, curves)) Console.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}
