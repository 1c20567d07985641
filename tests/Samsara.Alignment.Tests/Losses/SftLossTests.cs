using Samsara.Alignment.Losses;
using Samsara.Engine.Scoring;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Tests.Losses;

public class SftLossTests
{
    [Fact]
    public void Is_the_token_mean_nll_of_the_step()
    {
        // Two micro-batches of a 6-token step: summed log-probs −2 and −4 → NLL 6 over 6 tokens = 1.0,
        // split as 2/6 and 4/6 so accumulation adds up to the step's mean.
        using var scope = torch.NewDisposeScope();
        var first = SftLoss.Compute(new BatchLogProbs(HostTensors.FromArray([-2f], 1), HostTensors.FromArray([2f], 1), 5), 6);
        var second = SftLoss.Compute(new BatchLogProbs(HostTensors.FromArray([-1f, -3f], 2), HostTensors.FromArray([1f, 3f], 2), 9), 6);
        Assert.Equal(2.0 / 6, first.ToDouble(), 6);
        Assert.Equal(1.0, first.ToDouble() + second.ToDouble(), 6);
    }
}
