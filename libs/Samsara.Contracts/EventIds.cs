using System.Security.Cryptography;
using System.Text;

namespace Samsara.Contracts;

/// <summary>Where <see cref="IRunMessage.EventId"/> values come from.</summary>
/// <remarks>
/// A stage that restarts redoes at most the step it was in, then publishes that step's event again. If the id were
/// fresh, consumers could not tell the repeat from new work; derived from the run and the step, it is the same id,
/// and the repeat is skipped (docs/architecture.md §10).
/// </remarks>
public static class EventIds
{
    /// <summary>A new, time-ordered id (UUIDv7), for events that happen once by nature, such as a user's request.</summary>
    public static Guid New() => Guid.CreateVersion7();

    /// <summary>
    /// The id of step <paramref name="name"/> of run <paramref name="runId"/>, the same on every call:
    /// a name-based UUIDv8 over SHA-256 (RFC 9562 §5.8, Appendix B.2).
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="name">The step within the run, e.g. <c>generation-shard-completed/3</c>.</param>
    public static Guid For(Guid runId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Hash the run id (as its 16 big-endian bytes, the RFC's namespace) followed by the name.
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        runId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);

        // Keep 128 bits and stamp version 8 and the RFC variant into them.
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
