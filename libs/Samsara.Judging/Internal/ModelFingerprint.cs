using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Samsara.Judging.Internal;

/// <summary>
/// Names a model directory for the cache key: its full path and a short hash of its files' names, sizes and write
/// times, so retraining a model in place does not serve the old model's verdicts from the cache.
/// </summary>
internal static class ModelFingerprint
{
    public static string Of(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var text = new StringBuilder();
        foreach (var file in new DirectoryInfo(full).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{file.Name}\u0000{file.Length}\u0000{file.LastWriteTimeUtc.Ticks}\n");
        return $"{full}@{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12]}";
    }
}
