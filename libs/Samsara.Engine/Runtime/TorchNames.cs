using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Runtime;

/// <summary>Parses the device and dtype names users write in options and on the command line, with errors that say what was expected.</summary>
public static class TorchNames
{
    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    public static Device ParseDevice(string text)
    {
        var lower = text.Trim().ToLowerInvariant();
        if (lower == "cpu") return CPU;
        if (lower == "cuda") return new Device(DeviceType.CUDA, 0);
        if (lower.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(lower[5..], out var index) && index >= 0)
            return new Device(DeviceType.CUDA, index);
        throw new ArgumentException($"unknown device '{text}' (expected cpu, cuda or cuda:N)", nameof(text));
    }

    /// <summary>float32/fp32, float16/fp16/half, bfloat16/bf16.</summary>
    public static ScalarType ParseFloat(string name) => name.ToLowerInvariant() switch
    {
        "float32" or "fp32" or "float" => ScalarType.Float32,
        "float16" or "fp16" or "half" => ScalarType.Float16,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        _ => throw new ArgumentException($"unknown floating-point dtype '{name}' (expected float32, float16 or bfloat16)", nameof(name)),
    };

    /// <summary>The name Samsara prints and writes for a device: "cpu" or "cuda:N".</summary>
    public static string Name(Device device) => device.type == DeviceType.CPU ? "cpu" : $"cuda:{Math.Max(device.index, 0)}";
}
