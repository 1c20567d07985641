using Microsoft.Extensions.Options;
using Samsara.Api;
using Samsara.Api.Auth;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Gateway.Actors;

namespace Samsara.Gateway.Runs;

/// <summary>
/// Keeps a spec that came through the API to what its caller may read, before anything runs: every path is relative
/// (no absolute path, no '..') and names something in the artifact store or, failing that, in a configured read-only
/// root (<see cref="GatewayOptions.ReadOnlyRoots"/>), whose absolute path the run then gets. A run's own directory
/// (<c>runs/{id}/…</c>: its spec, data and checkpoints) is readable by the run's owner and by admin keys only.
/// Off for the embedded <c>samsara run</c> (<see cref="GatewayOptions.LocalSpecPaths"/>), whose paths are local.
/// </summary>
public sealed class SpecPathConfinement(ArtifactStore store, RunActors actors, IOptions<GatewayOptions> options)
{

    /// <summary>Checks and resolves <paramref name="spec"/>'s paths in place; the violations name each refused field.</summary>
    public async Task<IReadOnlyList<FieldViolation>> ConfineAsync(RunSpec spec, Caller caller, CancellationToken ct)
    {
        if (options.Value.LocalSpecPaths) return [];
        var violations = new List<FieldViolation>();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, path) in RunSpecPaths.All(spec))
        {
            if (Problem(path) is { } problem) violations.Add(new(field, problem));
            else if (await InForeignRunAsync(path, caller, ct))
                violations.Add(new(field, $"'{path}' is in a run that is not yours; only an admin key reads other runs' artifacts"));
            else resolved[field] = Locate(path);
        }
        if (violations.Count == 0) RunSpecPaths.Rewrite(spec, (field, path) => resolved.GetValueOrDefault(field, path));
        return violations;
    }

    // The store's own rules for a relative path, so nothing the gateway accepts can name a file outside its roots.
    private string? Problem(string path)
    {
        if (Path.IsPathRooted(path))
            return $"'{path}' is absolute; name a path relative to the artifact store{(options.Value.ReadOnlyRoots.Count > 0 ? " or a read-only root" : "")}";
        try
        {
            store.Resolve(path);
            return null;
        }
        catch (ArgumentException)
        {
            return $"'{path}' must stay inside the artifact store: '/'-separated names, no '..', '.' or empty segments";
        }
    }

    // Whether the path is under runs/ but not in a run the caller owns (runs/ itself, or no run at all, included).
    private async Task<bool> InForeignRunAsync(string path, Caller caller, CancellationToken ct)
    {
        var segments = path.Split('/');
        if (caller.Admin || segments[0] != RunWorkspace.RunsFolder) return false;
        if (segments.Length < 2 || !Guid.TryParse(segments[1], out _)) return true;
        return await actors.GetAsync(segments[1], ct) is not { } run || !caller.MaySee(run.Owner);
    }

    // The store first, where runs leave their models and data; then each read-only root in order. A path found
    // nowhere stays relative, and the validator reports that it does not exist.
    private string Locate(string path)
    {
        if (store.Exists(path)) return path;
        foreach (var root in options.Value.ReadOnlyRoots)
        {
            var full = ArtifactStore.ResolveUnder(root, path);
            if (File.Exists(full) || Directory.Exists(full)) return full;
        }
        return path;
    }
}
