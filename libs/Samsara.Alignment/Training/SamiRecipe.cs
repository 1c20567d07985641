using System.Diagnostics;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Losses;
using Samsara.Engine.Runtime;
using Samsara.Engine.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Training;

/// <summary>
/// SAMI training (Fränken et al. 2024, arXiv:2404.14313). A step takes Q queries; for each, the C×C matrix of
/// per-token-mean log-probs of every response under every constitution's training prompt, then the SAMI loss;
/// the step's loss is the mean over its queries, accumulated over micro-batches of M queries. Each prompt is read
/// once per micro-batch and shared by its C responses (<see cref="SharedPrefixScorer"/>).
/// </summary>
public sealed class SamiRecipe(TrainingOptions options, IReadOnlyList<SamiExample> data)
{
    /// <summary>Runs to the last step; a cancelled token stops it between micro-batches (the last checkpoint stays resumable).</summary>
    public void Train(Action<StepMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        var c = data.Count > 0 ? data[0].Constitutions.Count : 0;
        var mixed = data.FirstOrDefault(e => e.Constitutions.Count != c || e.Responses.Count != c);
        if (mixed is not null)
            throw new ArgumentException($"SAMI example '{mixed.Id}' has {mixed.Constitutions.Count} constitutions and {mixed.Responses.Count} responses; " +
                                        $"every example must have the same C (here {c}) of each");
        if (data.Count > 0 && c < 2) throw new ArgumentException($"SAMI needs at least 2 constitutions per query, got {c}");
        var beta = options.EffectiveBeta;
        using var run = TrainingRun.Start(options, data.Count, needsReference: beta > 0, progress);
        var scorer = new SharedPrefixScorer(run.Policy);
        var referenceScorer = run.Reference is { } reference ? new SharedPrefixScorer(reference) : null;
        for (var step = run.FirstStep; step <= run.Plan.TotalSteps; step++)
        {
            var clock = Stopwatch.StartNew();
            var batch = run.Plan.Indices(step).Select(i => data[i]).ToArray();
            double loss = 0, miLowerBound = 0, kl = 0;
            long tokens = 0;
            foreach (var micro in batch.Chunk(options.MicroBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var (prompts, pairs) = SamiGrid.Of(micro, c);
                var distributions = scorer.Distributions(prompts, pairs);
                var scores = LogProbScorer.Gather(distributions);
                var sami = SamiLoss.Compute(scores.Mean.reshape(micro.Length, c, c));
                var perQuery = sami.Loss;
                if (referenceScorer is not null)
                {
                    var klPerQuery = MeanKl(distributions, referenceScorer, prompts, pairs, micro.Length);
                    perQuery = perQuery.Plus(klPerQuery.Times(beta));
                    kl += klPerQuery.sum().AsDouble();
                }
                perQuery.sum().Over(batch.Length).backward();
                loss += perQuery.sum().AsDouble();
                miLowerBound += sami.MiLowerBound.sum().AsDouble();
                tokens += scores.Tokens;
            }
            var gradNorm = run.Step(step);
            var extra = new Dictionary<string, double> { ["mi_lower_bound"] = miLowerBound / batch.Length };
            if (referenceScorer is not null) extra["kl"] = kl / batch.Length;
            run.Complete(step, loss / batch.Length, gradNorm, tokens, batch.Length, clock.Elapsed, extra);
        }
        run.SaveModel();
    }

    // Mean KL to the reference over each query's C² sequences' scored positions, (N).
    private static Tensor MeanKl(TokenDistributions policy, SharedPrefixScorer referenceScorer, string[] prompts, (int, string)[] pairs, int queries)
    {
        TokenDistributions reference;
        using (torch.no_grad()) reference = referenceScorer.Distributions(prompts, pairs);
        var (sum, count) = KlPenalty.PerSequence(policy, reference);
        return sum.reshape(queries, -1).sum(1) / count.reshape(queries, -1).sum(1);
    }
}
