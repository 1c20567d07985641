using System.Diagnostics;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Losses;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Training;

/// <summary>
/// Supervised fine-tuning on (prompt, completion) examples. A step takes Q examples; its loss is the NLL of all
/// their completion tokens and EOS, averaged over those tokens (the prompt is masked), accumulated over
/// micro-batches of M examples.
/// </summary>
public sealed class SftRecipe(TrainingOptions options, IReadOnlyList<SftExample> data)
{
    /// <summary>Runs to the last step; a cancelled token stops it between micro-batches (the last checkpoint stays resumable).</summary>
    public void Train(Action<StepMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        using var run = TrainingRun.Start(options, data.Count, needsReference: false, progress);
        var scorer = run.Scorer;
        var tokenizer = run.Policy.Tokenizer;
        for (var step = run.FirstStep; step <= run.Plan.TotalSteps; step++)
        {
            var clock = Stopwatch.StartNew();
            var batch = run.Plan.Indices(step).Select(i => data[i]).ToArray();
            double stepTokens = batch.Sum(e => tokenizer.Encode(e.Completion).Count + 1);   // + EOS
            double loss = 0;
            long tokens = 0;
            foreach (var micro in batch.Chunk(options.MicroBatch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var scores = scorer.Score(micro.Select(e => (e.Prompt, e.Completion)).ToArray());
                var microLoss = SftLoss.Compute(scores, stepTokens);
                microLoss.backward();
                loss += microLoss.AsDouble();
                tokens += scores.Tokens;
            }
            var gradNorm = run.Step(step);
            run.Complete(step, loss, gradNorm, tokens, batch.Length, clock.Elapsed, new Dictionary<string, double>
            {
                ["completion_tokens"] = stepTokens,
            });
        }
        run.SaveModel();
    }
}
