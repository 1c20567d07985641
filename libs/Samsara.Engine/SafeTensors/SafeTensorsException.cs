namespace Samsara.Engine.SafeTensors;

/// <summary>
/// A safetensors file, index or checkpoint directory that cannot be read or written. The message always starts
/// with the file (or directory) and, where one is involved, the tensor: a broken checkpoint among many must be
/// findable from the message alone.
/// </summary>
public sealed class SafeTensorsException : Exception
{
    public SafeTensorsException(string filePath, string? tensorName, string problem, Exception? innerException = null)
        : base(Describe(filePath, tensorName, problem), innerException)
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    /// <summary>The file or directory at fault.</summary>
    public string FilePath { get; }

    /// <summary>The tensor at fault, when the problem is one tensor's.</summary>
    public string? TensorName { get; }

    private static string Describe(string filePath, string? tensorName, string problem) =>
        tensorName is null ? $"{filePath}: {problem}" : $"{filePath}: tensor '{tensorName}': {problem}";
}
