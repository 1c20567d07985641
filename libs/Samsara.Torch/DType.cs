namespace Samsara.Torch;

/// <summary>Element types. The numeric codes are the native ABI's (native/samsara_torch/sam_runtime.cpp).</summary>
public enum DType
{
    Float32 = 0,
    Float16 = 1,
    BFloat16 = 2,
    Int64 = 3,
    Int32 = 4,
    Bool = 5,
    UInt8 = 6,
    Float64 = 7,
}

public static class DTypeExtensions
{
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float16 or DType.BFloat16 => 2,
        DType.Int64 or DType.Float64 => 8,
        DType.Bool or DType.UInt8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static bool IsFloatingPoint(this DType dtype) =>
        dtype is DType.Float32 or DType.Float16 or DType.BFloat16 or DType.Float64;

    /// <summary>Parses the names users write: float32/fp32, float16/fp16/half, bfloat16/bf16.</summary>
    public static DType ParseFloat(string name) => name.ToLowerInvariant() switch
    {
        "float32" or "fp32" or "float" => DType.Float32,
        "float16" or "fp16" or "half" => DType.Float16,
        "bfloat16" or "bf16" => DType.BFloat16,
        _ => throw new ArgumentException($"unknown floating-point dtype '{name}' (expected float32, float16 or bfloat16)", nameof(name)),
    };
}
