using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.Runtime;

/// <summary>The engine on a GPU (built with -p:SamsaraTorchBackend=cuda): skipped where no CUDA device is visible.</summary>
[Trait("Category", "GPU")]
public class CudaTests
{
    private static readonly Device Cuda = TorchNames.ParseDevice("cuda");

    [CudaFact]
    public void Tensors_move_to_the_gpu_and_back_unchanged()
    {
        using var scope = NewDisposeScope();
        var onGpu = HostTensors.FromArray([1f, 2f, 3f, 4f], 2, 2).to(Cuda);
        Assert.Equal(DeviceType.CUDA, onGpu.device_type);
        Assert.Equal([7f, 10f, 15f, 22f], onGpu.matmul(onGpu).ToArray<float>());
    }

    [CudaFact]
    public void Llama_logits_on_the_gpu_match_the_cpu_in_fp32()
    {
        using var dir = new TempDirectory();
        var modelDir = TinyModels.Create(dir.File("model"), TinyModels.Config());
        using var cpu = LanguageModel.Load(modelDir, CPU);
        using var gpu = LanguageModel.Load(modelDir, Cuda, ScalarType.Float32);
        using var scope = NewDisposeScope();
        long[] tokens = [256, 72, 101, 108, 108, 111, 44, 32];
        var ids = HostTensors.FromArray(tokens, 1, tokens.Length);
        var positions = arange(0, tokens.Length).unsqueeze(0);
        var expected = cpu.Model.Forward(ids, positions).ToArray<float>();
        var actual = gpu.Model.Forward(ids.to(Cuda), positions.to(Cuda)).ToArray<float>();
        Assert.InRange(expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max(), 0, 1e-4);
    }

    [CudaFact]
    public void Autograd_runs_on_the_gpu()
    {
        using var scope = NewDisposeScope();
        var x = HostTensors.FromArray([1f, -2f], 2).to(Cuda);
        x.requires_grad = true;
        (x * x).sum().backward();
        Assert.Equal([2f, -4f], x.grad!.ToArray<float>());
    }
}
