using Samsara.Engine.Runtime;
using Samsara.Engine.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Losses;

/// <summary>
/// Supervised fine-tuning: the negative log-likelihood of the completion tokens (and EOS), averaged over all
/// completion tokens of the optimizer step, as TRL does; the prompt is masked. A micro-batch contributes its
/// summed NLL divided by the step's token count, so accumulation gives the exact token mean.
/// </summary>
public static class SftLoss
{
    public static Tensor Compute(BatchLogProbs logProbs, double stepTokens) =>
        stepTokens > 0 ? -logProbs.Sum.sum().Over(stepTokens) : throw new ArgumentException("an SFT step needs at least one completion token");
}
