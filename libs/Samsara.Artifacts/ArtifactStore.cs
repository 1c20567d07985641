namespace Samsara.Artifacts;

/// <summary>
/// A directory of run artifacts. Paths handed to and from it are relative to <see cref="Root"/>, use <c>/</c>,
/// and cannot leave the root, because they arrive in messages that a broken or hostile producer may have written.
/// Writes are atomic: a reader sees the old file or the whole new one, never a half-written one, so a service
/// killed mid-write leaves no truncated shard behind (docs/architecture.md §10).
/// </summary>
public sealed class ArtifactStore
{
    /// <summary>Opens (and creates if needed) the store at <paramref name="root"/>.</summary>
    public ArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The absolute path of the store's directory.</summary>
    public string Root { get; }

    /// <summary>
    /// The path of <paramref name="fileName"/> written by <paramref name="stage"/> for run <paramref name="runId"/>:
    /// <c>runs/{runId}/{stage}/{fileName}</c>.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="stage">One path segment naming the stage, e.g. <c>generation</c>.</param>
    /// <param name="fileName">One path segment, e.g. <c>shard-0003.jsonl</c>.</param>
    public static string PathFor(Guid runId, string stage, string fileName)
    {
        ArtifactPaths.RequireSegment(stage, nameof(stage));
        ArtifactPaths.RequireSegment(fileName, nameof(fileName));
        return $"runs/{runId:D}/{stage}/{fileName}";
    }

    /// <summary>The absolute path of <paramref name="relativePath"/>; throws if it is absolute or leaves the root.</summary>
    public string Resolve(string relativePath) => ArtifactPaths.Resolve(Root, relativePath);

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> under another <paramref name="root"/> (a read-only models
    /// volume, say), by the store's rules; throws if it is absolute or leaves that root.
    /// </summary>
    public static string ResolveUnder(string root, string relativePath) => ArtifactPaths.Resolve(Path.GetFullPath(root), relativePath);

    /// <summary>Whether the artifact exists (as a file or a directory, such as a checkpoint).</summary>
    public bool Exists(string relativePath)
    {
        var full = Resolve(relativePath);
        return File.Exists(full) || Directory.Exists(full);
    }

    /// <summary>Opens the artifact for reading.</summary>
    public Stream OpenRead(string relativePath) =>
        new FileStream(Resolve(relativePath), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>
    /// Writes the artifact through <paramref name="write"/> into a temporary file beside it, flushes it to disk,
    /// then renames it over the target. If <paramref name="write"/> throws, the target is untouched.
    /// </summary>
    public async Task WriteAsync(string relativePath, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Resolve(relativePath);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);

        // Same directory, so the final rename stays on one file system and is atomic there.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) atomically, as <see cref="WriteAsync"/>.</summary>
    public Task WriteAllTextAsync(string relativePath, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(relativePath, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, leaveOpen: true);
            await writer.WriteAsync(text.AsMemory(), ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Reads the whole artifact as UTF-8 text.</summary>
    public Task<string> ReadAllTextAsync(string relativePath, CancellationToken cancellationToken = default) =>
        File.ReadAllTextAsync(Resolve(relativePath), cancellationToken);
}
