// An MSBuild task (compiled by RoslynCodeTaskFactory, see TorchSharpNative.targets) that lets TorchSharp's native
// library load on a machine whose libstdc++ is older than the GCC 13 that built it (Debian 12: GCC 12).
//
// libLibTorchSharp.so declares that it needs the symbol version GLIBCXX_3.4.32, but the only symbol it binds at that
// version is std::ios_base_library_init(), which nothing in it calls. The dynamic loader refuses a library whose
// needed versions are missing unless the requirement is marked weak (VER_FLG_WEAK in its Elf64_Vernaux entry of
// .gnu.version_r), so this task sets that one bit in the build's own copy of the library. It never touches the
// NuGet cache (the copy is written to a temporary file and renamed over the output, which also breaks any hard
// link) nor the system libstdc++, does nothing where the system libstdc++ already has the version, and is
// idempotent: an already-weak requirement is left as it is.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MarkGlibcxxRequirementWeak : Task
{
    private const string Version = "GLIBCXX_3.4.32";
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (SystemLibstdcxxHasVersion())
        {
            Log.LogMessage(MessageImportance.Low, "the system libstdc++ provides " + Version + "; TorchSharp's native library is left as it is");
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var image = File.ReadAllBytes(path);
                if (!MarkWeak(image, path)) continue;
                var temporary = path + ".weak-glibcxx.tmp";
                File.WriteAllBytes(temporary, image);
                // Keep the copy's timestamp so that the next incremental build sees it unchanged and does not copy it again.
                File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(path));
                File.Replace(temporary, path, null);   // a rename: atomic, and never writes through a hard link
                Log.LogMessage(MessageImportance.Normal, "marked the " + Version + " requirement of " + path + " weak (the system libstdc++ lacks it)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Log.LogError(path + ": cannot mark its " + Version + " requirement weak: " + e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Sets VER_FLG_WEAK on every needed-version entry named GLIBCXX_3.4.32; true when a byte changed.</summary>
    private static bool MarkWeak(byte[] elf, string path)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian 64-bit ELF file");
        var sectionTable = (long)U64(elf, 0x28);
        int sectionSize = U16(elf, 0x3a), sections = U16(elf, 0x3c);
        var changed = false;
        for (var i = 0; i < sections; i++)
        {
            var header = checked((int)(sectionTable + (long)i * sectionSize));
            if (U32(elf, header + 4) != ShtGnuVerneed) continue;
            var offset = checked((int)U64(elf, header + 0x18));
            var strings = checked((int)U64(elf, checked((int)(sectionTable + (long)U32(elf, header + 0x28) * sectionSize)) + 0x18));
            var needs = U32(elf, header + 0x2c);
            var need = offset;
            for (uint n = 0; n < needs; n++)
            {
                var aux = need + (int)U32(elf, need + 8);
                for (var a = 0; a < U16(elf, need + 2); a++)
                {
                    if (Name(elf, strings + (int)U32(elf, aux + 8)) == Version && (U16(elf, aux + 4) & VerFlagWeak) == 0)
                    {
                        var flags = (ushort)(U16(elf, aux + 4) | VerFlagWeak);
                        elf[aux + 4] = (byte)flags;
                        elf[aux + 5] = (byte)(flags >> 8);
                        changed = true;
                    }
                    aux += (int)U32(elf, aux + 12);
                }
                need += (int)U32(elf, need + 12);
            }
        }
        return changed;
    }

    private static bool SystemLibstdcxxHasVersion()
    {
        var marker = Encoding.ASCII.GetBytes(Version + "\0");
        foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib" })
        {
            var candidate = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(candidate)) return Contains(File.ReadAllBytes(candidate), marker);
        }
        return false;   // no libstdc++ found where expected: patching is harmless, a weak requirement still binds when present
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    private static string Name(byte[] elf, int offset)
    {
        var end = Array.IndexOf(elf, (byte)0, offset);
        return Encoding.ASCII.GetString(elf, offset, end - offset);
    }

    private static ushort U16(byte[] b, int o) => BitConverter.ToUInt16(b, o);
    private static uint U32(byte[] b, int o) => BitConverter.ToUInt32(b, o);
    private static ulong U64(byte[] b, int o) => BitConverter.ToUInt64(b, o);
}
