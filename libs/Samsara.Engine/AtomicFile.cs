namespace Samsara.Engine;

/// <summary>Writes whole files through a temporary sibling and a rename, so readers never see half a file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) => Write(path, tmp => File.WriteAllText(tmp, contents));

    public static void Write(string path, Action<string> writeTemporary)
    {
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
