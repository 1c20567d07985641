namespace Samsara.Torch;

public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}

/// <summary>Where a tensor lives: the CPU, or one CUDA device.</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    public static Device Cpu { get; } = new(DeviceType.Cpu);

    public static Device Cuda(int index = 0) => new(DeviceType.Cuda, index);

    /// <summary>Parses "cpu", "cuda" or "cuda:N".</summary>
    public static Device Parse(string text)
    {
        var lower = text.Trim().ToLowerInvariant();
        if (lower == "cpu") return Cpu;
        if (lower == "cuda") return Cuda();
        if (lower.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(lower[5..], out var index) && index >= 0)
            return Cuda(index);
        throw new ArgumentException($"unknown device '{text}' (expected cpu, cuda or cuda:N)", nameof(text));
    }

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
