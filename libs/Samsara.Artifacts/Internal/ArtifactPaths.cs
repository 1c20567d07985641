namespace Samsara.Artifacts;

/// <summary>The rules for relative artifact paths, kept apart from the file IO of <see cref="ArtifactStore"/>.</summary>
internal static class ArtifactPaths
{
    /// <summary>Requires a single, ordinary path segment: no separators, no <c>.</c> or <c>..</c>.</summary>
    public static void RequireSegment(string segment, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment, parameterName);
        if (segment is "." or ".." || segment.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new ArgumentException($"'{segment}' must be a single file or directory name.", parameterName);
    }

    /// <summary>
    /// Joins <paramref name="relativePath"/> (with <c>/</c> separators) to <paramref name="root"/>, refusing rooted
    /// paths, <c>..</c> segments and anything that would still resolve outside the root.
    /// </summary>
    public static string Resolve(string root, string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (Path.IsPathRooted(relativePath) || relativePath.Contains('\\', StringComparison.Ordinal))
            throw new ArgumentException($"Artifact path '{relativePath}' must be relative to the store root and use '/'.", nameof(relativePath));

        var segments = relativePath.Split('/');
        foreach (var segment in segments)
        {
            if (segment is "" or "." or ".." || segment.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException($"Artifact path '{relativePath}' has an empty, '.' or '..' segment.", nameof(relativePath));
        }

        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Artifact path '{relativePath}' resolves outside the store root.", nameof(relativePath));
        return full;
    }
}
