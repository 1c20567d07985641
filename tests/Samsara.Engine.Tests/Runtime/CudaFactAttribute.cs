using TorchSharp;

namespace Samsara.Engine.Tests.Runtime;

/// <summary>A test that needs a CUDA device: skipped, saying why, where libtorch sees none (the CPU package, CI, laptops).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available()) Skip = $"no CUDA device visible to TorchSharp's libtorch {torch.__version__}";
    }
}
