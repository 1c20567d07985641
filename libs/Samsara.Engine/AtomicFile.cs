using System.Security.Cryptography;

namespace Samsara.Engine;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one, never a part: the bytes go to a
/// uniquely named temporary beside the target, reach the disk, and only then replace the target by a rename.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            writer.Write(contents);
        });

    public static void Write(string path, Action<FileStream> write)
    {
        // Beside the target, so the rename stays within one file system and is atomic; random, so two writers
        // of the same target never share a temporary.
        var temporary = $"{path}.tmp-{RandomNumberGenerator.GetHexString(12, lowercase: true)}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                // Without this a power loss after the rename could leave the new name pointing at unwritten blocks.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    // Failing to clean up must not hide the error that made the write fail.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
