using System.Diagnostics;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.Models;

/// <summary>Training-style steps free every tensor they make, and the process does not grow over hundreds of them.</summary>
public class LeakTests
{
    [Fact]
    public void Forward_and_backward_return_the_live_tensor_count_to_baseline_and_memory_stays_flat()
    {
        using var dir = new TempDirectory();
        using var lm = LanguageModel.Load(TinyModels.Create(dir.File("model"), TinyModels.Config(layers: 2)), CPU);
        foreach (var p in lm.Model.Parameters.Values) p.requires_grad = true;
        long[][] ids = [[256, 1, 2, 3, 4, 5, 6, 7, 8], [256, 9, 8, 7, 6, 5, 4, 3, 2]];
        var baseline = TorchRuntime.LiveTensorCount;
        long warmMemory = 0;
        for (var step = 0; step < 300; step++)
        {
            using (torch.NewDisposeScope())
            {
                LlamaParityTests.NextTokenLoss(lm, ids).backward();
                foreach (var p in lm.Model.Parameters.Values) p.grad = null;
            }
            Assert.Equal(baseline, TorchRuntime.LiveTensorCount);
            if (step == 49) warmMemory = ResidentBytes();
        }
        var growth = ResidentBytes() - warmMemory;
        Assert.True(growth < 32L << 20, $"resident memory grew by {growth >> 20} MiB over 250 steps");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
