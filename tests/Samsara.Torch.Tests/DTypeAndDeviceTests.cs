namespace Samsara.Torch.Tests;

public class DTypeAndDeviceTests
{
    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    [InlineData(DType.Float64)]
    public void Float_conversions_round_trip_exactly_representable_values(DType dtype)
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray([0.5f, -2f, 1024f, 0f], 4);
        var converted = x.To(dtype);
        Assert.Equal(dtype, converted.DType);
        Assert.Equal(dtype.ElementSize() * 4, TensorBytes(converted).Length);
        Assert.Equal(x.ToArray<float>(), converted.To(DType.Float32).ToArray<float>());
    }

    [Fact]
    public void Integer_tensors_index_and_reduce()
    {
        using var scope = Torch.NewDisposeScope();
        var table = Torch.FromArray([10f, 11f, 20f, 21f, 30f, 31f], 3, 2);
        var ids = Torch.FromArray([2L, 0L], 2);
        Assert.Equal(DType.Int64, ids.DType);
        Assert.Equal([30f, 31f, 10f, 11f], NN.Embedding(table, ids).ToArray<float>());
        Assert.Equal(1L, Torch.FromArray([1f, 5f, 3f], 3).Argmax(0).ItemInt64());
    }

    [Fact]
    public void Reading_a_tensor_as_the_wrong_element_type_is_refused()
    {
        using var scope = Torch.NewDisposeScope();
        Assert.Throws<InvalidOperationException>(() => Torch.Zeros([2]).ToArray<long>());
    }

    [Fact]
    public void Devices_parse_and_cuda_is_reported_honestly()
    {
        Assert.Equal(Device.Cpu, Device.Parse("cpu"));
        Assert.Equal(Device.Cuda(1), Device.Parse("cuda:1"));
        Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        Assert.True(Torch.CudaDeviceCount >= 0);
        Assert.True(Torch.LibTorchVersion.Major >= 1);
    }

    [Fact]
    public void Seeding_makes_sampling_reproducible()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(42);
        var a = Torch.Randn([8]).ToArray<float>();
        Torch.ManualSeed(42);
        Assert.Equal(a, Torch.Randn([8]).ToArray<float>());
    }

    [Fact]
    public void Thread_count_is_settable()
    {
        var before = Torch.Threads;
        Torch.Threads = 1;
        Assert.Equal(1, Torch.Threads);
        Torch.Threads = before;
    }

    private static byte[] TensorBytes(Tensor t)
    {
        var bytes = new byte[t.NumberOfElements * t.DType.ElementSize()];
        t.CopyTo(bytes);
        return bytes;
    }
}
