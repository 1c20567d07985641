using Samsara.Alignment.Datasets;
using Samsara.Alignment.Filters;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Stages.Plan;
using Samsara.Stages.Generation;

namespace Samsara.Stages.Filtering;

/// <summary>Keeps the finished, clean, contrastive generations and builds the training sets from them.</summary>
public static class FilterStage
{
    public static FilterReport Run(RunPlan plan, RunWorkspace workspace)
    {
        var generations = GenerationStage.Join(plan, workspace);
        var report = new GenerationFilter(plan.Filter).Run(generations, workspace.Kept);
        Engine.AtomicFile.WriteAllText(workspace.FilterReport, report.ToJson().ToJsonString());
        foreach (var kind in new[] { DatasetKind.Sami, DatasetKind.Sft, DatasetKind.Dpo })
            DatasetBuilder.Build(workspace.Kept, kind, workspace.Dataset(kind.ToString().ToLowerInvariant()));
        return report;
    }

    /// <summary>The filter's settings over its defaults (the run plan's, and the filter service's for a request).</summary>
    public static FilterConfig Config(FilterSettings? settings)
    {
        var config = FilterConfig.Default;
        if (settings is null) return config;
        foreach (var rule in settings.DisabledRules) config = config.Without(rule);
        return config with
        {
            BannedSubstrings = settings.BannedSubstrings.Count > 0 ? settings.BannedSubstrings.ToArray() : config.BannedSubstrings,
            MinLengthRatio = settings.MinLengthRatio > 0 ? settings.MinLengthRatio : config.MinLengthRatio,
            MinShortLength = settings.MinShortLength > 0 ? (int)settings.MinShortLength : config.MinShortLength,
            MinPrefixDistance = settings.MinPrefixDistance > 0 ? settings.MinPrefixDistance : config.MinPrefixDistance,
        };
    }
}
