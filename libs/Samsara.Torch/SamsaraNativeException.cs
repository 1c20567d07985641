namespace Samsara.Torch;

/// <summary>An error reported by libtorch through the native shim (its message is libtorch's, without the backtrace).</summary>
public sealed class SamsaraNativeException(string message) : Exception(message);
