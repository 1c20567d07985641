using System.Buffers.Binary;
using System.Text;

namespace Samsara.Engine.Tests.SafeTensors;

/// <summary>Writes safetensors files byte by byte, so tests can produce the broken ones no writer would.</summary>
internal static class RawSafeTensors
{
    /// <summary>The length prefix (the true one unless <paramref name="declaredHeaderLength"/> lies), the header, then zeroed data.</summary>
    public static void Write(string path, string header, int dataBytes, ulong? declaredHeaderLength = null) =>
        Write(path, Encoding.UTF8.GetBytes(header), dataBytes, declaredHeaderLength);

    /// <summary>As above, with header bytes that need not be valid UTF-8.</summary>
    public static void Write(string path, byte[] json, int dataBytes, ulong? declaredHeaderLength = null)
    {
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredHeaderLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
    }
}
