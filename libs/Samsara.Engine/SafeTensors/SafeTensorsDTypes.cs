using Samsara.Torch;

namespace Samsara.Engine.SafeTensors;

/// <summary>The dtype names of the safetensors header, for the dtypes Samsara.Torch has.</summary>
internal static class SafeTensorsDTypes
{
    public static bool TryParse(string name, out DType dtype)
    {
        // Ordinal and case-sensitive: the format spells them in capitals, and "f32" is not a file we wrote.
        (var known, dtype) = name switch
        {
            "F32" => (true, DType.Float32),
            "F16" => (true, DType.Float16),
            "BF16" => (true, DType.BFloat16),
            "F64" => (true, DType.Float64),
            "I64" => (true, DType.Int64),
            "I32" => (true, DType.Int32),
            "U8" => (true, DType.UInt8),
            "BOOL" => (true, DType.Bool),
            _ => (false, default),
        };
        return known;
    }

    public static string Name(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float16 => "F16",
        DType.BFloat16 => "BF16",
        DType.Float64 => "F64",
        DType.Int64 => "I64",
        DType.Int32 => "I32",
        DType.UInt8 => "U8",
        DType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no safetensors name for this dtype"),
    };
}
