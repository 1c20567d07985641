using System.Diagnostics;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Losses;
using Samsara.Engine.Runtime;
using Samsara.Engine.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Training;

/// <summary>
/// DPO training (Rafailov et al. 2023, arXiv:2305.18290). A step takes Q preference pairs; chosen and rejected
/// responses are scored (summed log-probs) by the policy and, without gradients, by the frozen reference; the
/// step's loss is the mean DPO loss over its pairs, with the implicit rewards' margin and accuracy reported.
/// </summary>
public sealed class DpoRecipe(TrainingOptions options, IReadOnlyList<PreferencePair> data)
{
    /// <summary>Runs to the last step; a cancelled token stops it between micro-batches (the last checkpoint stays resumable).</summary>
    public void Train(Action<StepMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        var dpo = new DpoLoss(options.EffectiveBeta);
        using var run = TrainingRun.Start(options, data.Count, needsReference: true, progress);
        var scorer = run.Scorer;
        var referenceScorer = run.ReferenceScorer!;
        for (var step = run.FirstStep; step <= run.Plan.TotalSteps; step++)
        {
            var clock = Stopwatch.StartNew();
            var batch = run.Plan.Indices(step).Select(i => data[i]).ToArray();
            double loss = 0, margin = 0, correct = 0, chosenReward = 0, rejectedReward = 0;
            long tokens = 0;
            foreach (var micro in batch.Chunk(options.MicroBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                // One forward pass per model: the chosen responses, then the rejected ones.
                var pairs = micro.Select(p => (p.Prompt, p.Chosen)).Concat(micro.Select(p => (p.Prompt, p.Rejected))).ToArray();
                var policy = scorer.Score(pairs);
                BatchLogProbs reference;
                using (torch.no_grad()) reference = referenceScorer.Score(pairs);
                long n = micro.Length;
                var output = dpo.Compute(policy.Sum.slice(0, 0, n, 1), policy.Sum.slice(0, n, 2 * n, 1),
                                         reference.Sum.slice(0, 0, n, 1), reference.Sum.slice(0, n, 2 * n, 1));
                output.Loss.sum().Over(batch.Length).backward();
                loss += output.Loss.sum().AsDouble();
                margin += output.Margin.sum().AsDouble();
                correct += output.Correct.sum().AsDouble();
                chosenReward += output.ChosenReward.sum().AsDouble();
                rejectedReward += output.RejectedReward.sum().AsDouble();
                tokens += policy.Tokens;
            }
            var gradNorm = run.Step(step);
            run.Complete(step, loss / batch.Length, gradNorm, tokens, batch.Length, clock.Elapsed, new Dictionary<string, double>
            {
                ["reward_margin"] = margin / batch.Length,
                ["reward_accuracy"] = correct / batch.Length,
                ["reward_chosen"] = chosenReward / batch.Length,
                ["reward_rejected"] = rejectedReward / batch.Length,
            });
        }
        run.SaveModel();
    }
}
