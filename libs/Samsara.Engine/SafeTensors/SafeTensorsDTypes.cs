using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.SafeTensors;

/// <summary>The dtype names of the safetensors header, for the dtypes Samsara reads and writes.</summary>
internal static class SafeTensorsDTypes
{
    public static bool TryParse(string name, out ScalarType dtype)
    {
        // Ordinal and case-sensitive: the format spells them in capitals, and "f32" is not a file we wrote.
        (var known, dtype) = name switch
        {
            "F32" => (true, ScalarType.Float32),
            "F16" => (true, ScalarType.Float16),
            "BF16" => (true, ScalarType.BFloat16),
            "F64" => (true, ScalarType.Float64),
            "I64" => (true, ScalarType.Int64),
            "I32" => (true, ScalarType.Int32),
            "U8" => (true, ScalarType.Byte),
            "BOOL" => (true, ScalarType.Bool),
            _ => (false, default),
        };
        return known;
    }

    public static string Name(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no safetensors name for this dtype"),
    };
}
