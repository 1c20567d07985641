using System.Diagnostics;
using System.Globalization;
using Samsara.Alignment;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Losses;
using Samsara.Engine;
using Samsara.Engine.Runtime;
using Samsara.Engine.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Bench;

/// <summary>
/// The SAMI micro-batch as `samsara train` runs it (forward, SAMI loss, KL to a frozen copy, backward) with each
/// prompt read once (<see cref="SharedPrefixScorer"/>) against the same micro-batch as C² whole sequences
/// (<see cref="LogProbScorer"/>, how SAMI scored before), in alternating rounds on the same model and data. Reports
/// wall and process CPU seconds per micro-batch, the ratios, and the largest loss difference between the two.
/// </summary>
internal static class SamiScoringBench
{
    public static int Run(string[] args)
    {
        string? data = null;
        var model = "models/tiny-student";
        int queries = 4, rounds = 5, threads = Environment.ProcessorCount;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--data": data = args[i + 1]; break;
                case "--model": model = args[i + 1]; break;
                case "--queries": queries = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (data is null) throw new ArgumentException("--data is required: a SAMI dataset, e.g. a run's datasets/sami.jsonl");
        TorchRuntime.Threads = threads;
        var examples = DatasetReader.ReadSami(data);
        using var policy = LanguageModel.Load(model, CPU);
        using var reference = LanguageModel.Load(model, CPU);
        foreach (var p in policy.Model.Parameters.Values) p.requires_grad = true;
        var c = examples[0].Constitutions.Count;
        Console.WriteLine($"{model}, {examples.Count} queries × C = {c}, micro-batch {queries} queries ({queries * c * c} sequences), {threads} threads");
        var sides = new (string Name, Func<SamiExample[], double> Step, List<(double Wall, double Cpu)> Times)[]
        {
            ("whole sequences", micro => StepWhole(policy, reference, micro, c), []),
            ("shared prefix", micro => StepShared(policy, reference, micro, c), []),
        };
        var batches = examples.Chunk(queries).Where(b => b.Length == queries).ToArray();
        double largestDifference = 0;
        for (var round = 0; round <= rounds; round++)   // round 0 warms up and is not counted
        {
            var micro = batches[round % batches.Length];
            var losses = new double[sides.Length];
            for (var s = 0; s < sides.Length; s++)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                losses[s] = sides[s].Step(micro);
                process.Refresh();
                if (round > 0) sides[s].Times.Add((clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds));
            }
            largestDifference = Math.Max(largestDifference, Math.Abs(losses[0] - losses[1]));
        }
        Console.WriteLine("| scoring | wall s / micro-batch (median) | CPU s / micro-batch (median) |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, _, times) in sides)
            Console.WriteLine($"| {name} | {Median(times.Select(t => t.Wall)):F3} | {Median(times.Select(t => t.Cpu)):F3} |");
        Console.WriteLine($"shared / whole: wall {Median(sides[1].Times.Select(t => t.Wall)) / Median(sides[0].Times.Select(t => t.Wall)):F2}, " +
                          $"CPU {Median(sides[1].Times.Select(t => t.Cpu)) / Median(sides[0].Times.Select(t => t.Cpu)):F2}; largest loss difference {largestDifference:E2}");
        return 0;
    }

    private static double StepWhole(LanguageModel policy, LanguageModel reference, SamiExample[] micro, int c)
    {
        var pairs = micro.SelectMany(q => from i in Enumerable.Range(0, c) from j in Enumerable.Range(0, c)
                                          select (TrainingPrompt.Format(q.Constitutions[i], q.Query), q.Responses[j])).ToArray();
        using var scope = torch.NewDisposeScope();
        var d = new LogProbScorer(policy).Distributions(pairs);
        TokenDistributions r;
        using (torch.no_grad()) r = new LogProbScorer(reference).Distributions(pairs);
        return Finish(d, r, micro.Length, c, policy);
    }

    private static double StepShared(LanguageModel policy, LanguageModel reference, SamiExample[] micro, int c)
    {
        var prompts = micro.SelectMany(q => q.Constitutions.Select(k => TrainingPrompt.Format(k, q.Query))).ToArray();
        var pairs = micro.SelectMany((q, n) => from i in Enumerable.Range(0, c) from j in Enumerable.Range(0, c)
                                               select (n * c + i, q.Responses[j])).ToArray();
        using var scope = torch.NewDisposeScope();
        var d = new SharedPrefixScorer(policy).Distributions(prompts, pairs);
        TokenDistributions r;
        using (torch.no_grad()) r = new SharedPrefixScorer(reference).Distributions(prompts, pairs);
        return Finish(d, r, micro.Length, c, policy);
    }

    // The recipe's loss (SAMI + KL, β = 1) and its backward pass; the gradients are cleared for the next side.
    private static double Finish(TokenDistributions d, TokenDistributions r, int queries, int c, LanguageModel policy)
    {
        var sami = SamiLoss.Compute(LogProbScorer.Gather(d).Mean.reshape(queries, c, c));
        var (klSum, klCount) = KlPenalty.PerSequence(d, r);
        var loss = (sami.Loss + klSum.reshape(queries, -1).sum(1) / klCount.reshape(queries, -1).sum(1)).sum();
        loss.backward();
        foreach (var p in policy.Model.Parameters.Values) p.grad?.zero_();
        return loss.ToDouble();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
