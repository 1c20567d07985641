using Samsara.Api.V1;

namespace Samsara.Api;

/// <summary>
/// Every path a RunSpec holds, named by its field: the model directories, the prompt files, the principles file and a
/// log-prob judge's model ("logprob:DIR"). Resolving a spec's paths (against a spec file, the artifact store or a
/// read-only root) and confining them go through this list, so a new path field is added here once.
/// </summary>
public static class RunSpecPaths
{
    /// <summary>A log-prob judge that scores with its own model: <c>logprob:DIR</c>.</summary>
    public const string LogProbPrefix = "logprob:";

    /// <summary>The principles file's stand-in for the built-in principles; not a path.</summary>
    public const string DefaultPrinciples = "default";

    /// <summary>Each path the spec names (empty ones left out), with its field as a BadRequest field violation names it.</summary>
    public static IReadOnlyList<(string Field, string Path)> All(RunSpec spec)
    {
        var all = new List<(string, string)>();
        Visit(spec, (field, path) =>
        {
            all.Add((field, path));
            return path;
        });
        return all;
    }

    /// <summary>Replaces each path the spec names by what <paramref name="map"/> returns for (field, path).</summary>
    public static void Rewrite(RunSpec spec, Func<string, string, string> map) => Visit(spec, map);

    private static void Visit(RunSpec spec, Func<string, string, string> map)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string Map(string field, string path) => path.Length == 0 ? path : map(field, path);
        if (spec.Teacher is { } teacher) teacher.Path = Map("spec.teacher.path", teacher.Path);
        if (spec.Student is { } student) student.Path = Map("spec.student.path", student.Path);
        if (spec.TrainPrompts is { } train) train.Path = Map("spec.train_prompts.path", train.Path);
        if (spec.EvalPrompts is { } eval) eval.Path = Map("spec.eval_prompts.path", eval.Path);
        if (spec.Constitutions is { Principles: not DefaultPrinciples } c) c.Principles = Map("spec.constitutions.principles", c.Principles);
        if (spec.Evaluation is not { } evaluation) return;
        if (evaluation.AccuracyPrompts is { } accuracy) accuracy.Path = Map("spec.evaluation.accuracy_prompts.path", accuracy.Path);
        for (var i = 0; i < evaluation.Judges.Count; i++)
            if (evaluation.Judges[i].StartsWith(LogProbPrefix, StringComparison.Ordinal))
                evaluation.Judges[i] = LogProbPrefix + Map($"spec.evaluation.judges[{i}]", evaluation.Judges[i][LogProbPrefix.Length..]);
    }
}
