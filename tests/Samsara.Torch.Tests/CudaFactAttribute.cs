namespace Samsara.Torch.Tests;

/// <summary>A test that needs a CUDA device: skipped, saying why, where libtorch sees none (CI, laptops).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!Torch.IsCudaAvailable) Skip = $"no CUDA device visible to libtorch {Torch.LibTorchVersion}";
    }
}
