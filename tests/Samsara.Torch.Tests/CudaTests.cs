namespace Samsara.Torch.Tests;

[Trait("Category", "GPU")]
public class CudaTests
{
    [CudaFact]
    public void Tensors_move_to_the_gpu_and_back_unchanged()
    {
        using var scope = Torch.NewDisposeScope();
        var host = Torch.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var device = host.To(Device.Cuda());
        Assert.Equal(Device.Cuda(), device.Device);
        Assert.Equal([7f, 10f, 15f, 22f], device.Matmul(device).To(Device.Cpu).ToArray<float>());
    }

    [CudaFact]
    public void Fused_attention_on_the_gpu_matches_the_cpu_in_bf16_tolerance()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(3);
        var q = Torch.Randn([2, 4, 16, 32]);
        var k = Torch.Randn([2, 4, 16, 32]);
        var v = Torch.Randn([2, 4, 16, 32]);
        var cpu = NN.ScaledDotProductAttention(q, k, v, isCausal: true).ToArray<float>();
        var gpu = NN.ScaledDotProductAttention(q.To(DType.BFloat16, Device.Cuda()), k.To(DType.BFloat16, Device.Cuda()),
            v.To(DType.BFloat16, Device.Cuda()), isCausal: true).To(DType.Float32, Device.Cpu).ToArray<float>();
        Assert.True(cpu.Zip(gpu, (a, b) => Math.Abs(a - b)).Max() < 0.05);
    }

    [CudaFact]
    public void Autograd_runs_on_the_gpu()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray([1f, -2f], 2).To(Device.Cuda());
        x.RequiresGrad = true;
        (x * x).Sum().Backward();
        Assert.Equal([2f, -4f], x.Grad!.To(Device.Cpu).ToArray<float>());
    }
}
