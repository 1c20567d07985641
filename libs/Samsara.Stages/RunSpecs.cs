using Google.Protobuf;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Stages.Plan;

namespace Samsara.Stages;

/// <summary>
/// A run's spec as the gateway stored it (protobuf JSON at <c>runs/{id}/spec.json</c>), loaded as the run's
/// <see cref="RunPlan"/>: paths resolved in the store, validated, defaults applied. Every stage reads it from the store
/// rather than from its message, so messages stay small and every stage sees the same plan.
/// </summary>
public sealed class RunSpecs(ArtifactStore store)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>The run's workspace: its stages' files under <c>runs/{id}/</c> in the store.</summary>
    public RunWorkspace Workspace(Guid runId) => new(store.Root, runId);

    /// <summary>Reads, validates and resolves the spec; a missing, unreadable or invalid one is a <see cref="StageInputException"/>.</summary>
    public async Task<RunPlan> LoadAsync(Guid runId, string? specPath, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrEmpty(specPath) ? RunWorkspace.SpecInStore(runId) : specPath;
        if (!store.Exists(path))
            throw new StageInputException($"{path}: run spec not found");
        var json = await store.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        RunSpec spec;
        try
        {
            spec = Parser.Parse<RunSpec>(json);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new StageInputException($"{path}: {e.Message}", e);
        }
        catch (InvalidJsonException e)
        {
            throw new StageInputException($"{path}: not valid JSON ({e.Message})", e);
        }
        ResolvePaths(spec);
        var violations = new RunSpecValidator(d => File.Exists(Path.Combine(d, "config.json")), File.Exists).Validate(spec);
        if (violations.Count > 0)
            throw new StageInputException($"{path}: {string.Join("; ", violations)}");
        return RunPlan.Resolve(spec);
    }

    // Relative paths in a spec name files in the artifact store, as the gateway read them when it accepted the run;
    // absolute ones are the node's (a read-only root the gateway resolved them in, or the embedded run's own files).
    // A path that would leave the store stays as written, and the validator refuses it.
    private void ResolvePaths(RunSpec spec) => RunSpecPaths.Rewrite(spec, (_, path) =>
    {
        if (Path.IsPathRooted(path)) return path;
        try
        {
            return store.Resolve(path);
        }
        catch (ArgumentException)
        {
            return path;
        }
    });
}
