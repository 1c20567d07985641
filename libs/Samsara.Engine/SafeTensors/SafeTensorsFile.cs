using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Samsara.Engine.Runtime;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.SafeTensors;

/// <summary>
/// One .safetensors file, memory-mapped read-only. <see cref="Open"/> reads and validates the whole header before
/// anything is mapped, so every later read stays inside the file; tensor bytes are read straight from the mapping,
/// so a many-gigabyte checkpoint costs no heap until a tensor is copied out.
/// </summary>
/// <remarks>
/// The file must not be truncated by someone else while it is open: a read past the new end of a mapping is a
/// SIGBUS no managed code can catch. <see cref="SafeTensorsWriter"/> never rewrites a file in place, for this reason.
/// </remarks>
public sealed unsafe class SafeTensorsFile : IDisposable
{
    // Real headers are a few hundred kilobytes even for thousands of tensors; a larger length is garbage or an attack.
    private const ulong MaxHeaderBytes = 100_000_000;
    private const int LengthPrefixBytes = 8;

    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* data;
    private bool disposed;

    private SafeTensorsFile(string path, FileStream stream, long dataStart, SafeTensorsHeader.Parsed header)
    {
        Path = path;
        Metadata = header.Metadata;
        Tensors = header.Tensors;
        // The map takes over the stream: disposing the map closes the file.
        map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        try
        {
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            data = start + view.PointerOffset + dataStart;
        }
        catch
        {
            view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    /// <summary>The absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>The header's "__metadata__" (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    public static SafeTensorsFile Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SafeTensorsException(fullPath, null, $"cannot open: {e.Message}", e);
        }

        try
        {
            var (dataStart, header) = ReadHeader(fullPath, stream);
            return new SafeTensorsFile(fullPath, stream, dataStart, header);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The tensor's bytes, as stored (little-endian, row-major), without copying. The span reads the mapping: it is
    /// valid only until this file is disposed.
    /// </summary>
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var info = Find(name);
        if (info.Length > int.MaxValue)
            throw new SafeTensorsException(Path, name, $"is {info.Length} bytes, more than one span can hold (2 GiB)");
        return new ReadOnlySpan<byte>(data + info.Offset, (int)info.Length);
    }

    /// <summary>Copies the tensor into a new tensor on <paramref name="device"/>, in the stored dtype.</summary>
    public Tensor ReadTensor(string name, Device device)
    {
        var bytes = GetBytes(name);
        var info = Tensors[name];
        try
        {
            return HostTensors.FromBytes(bytes, info.DType, info.Shape, device);
        }
        catch (ExternalException e)
        {
            throw new SafeTensorsException(Path, name, $"cannot load onto {device}: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        map.Dispose();
    }

    private TensorInfo Find(string name) =>
        Tensors.TryGetValue(name, out var info) ? info : throw new SafeTensorsException(Path, name, "no such tensor in this file");

    private static (long DataStart, SafeTensorsHeader.Parsed Header) ReadHeader(string path, FileStream stream)
    {
        var fileLength = stream.Length;
        if (fileLength < LengthPrefixBytes)
            throw new SafeTensorsException(path, null, $"file is {fileLength} bytes, too short for the 8-byte header length");

        Span<byte> prefix = stackalloc byte[LengthPrefixBytes];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
            throw new SafeTensorsException(path, null, $"header length {headerLength} is absurd (over {MaxHeaderBytes} bytes); not a safetensors file?");
        if (headerLength > (ulong)(fileLength - LengthPrefixBytes))
            throw new SafeTensorsException(path, null,
                $"header length {headerLength} is larger than the {fileLength - LengthPrefixBytes} bytes after it");

        var json = new byte[headerLength];
        stream.ReadExactly(json);
        var dataStart = LengthPrefixBytes + (long)headerLength;
        return (dataStart, SafeTensorsHeader.Parse(path, json, fileLength - dataStart));
    }
}
