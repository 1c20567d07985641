using Samsara.Alignment.Datasets;

namespace Samsara.Alignment.Filters.Internal;

/// <summary>A response cut by the token limit is unfinished: its text may stop mid-sentence or mid-step.</summary>
internal sealed class TerminationRule : IFilterRule
{
    public string Name => FilterRules.Termination;

    public bool Rejects(GenerationRecord record) => record.FinishReasons.Any(r => r is not ("eos" or "stop"));
}

/// <summary>An empty response (or only whitespace) teaches nothing and makes every contrast trivial.</summary>
internal sealed class EmptyRule : IFilterRule
{
    public string Name => FilterRules.Empty;

    public bool Rejects(GenerationRecord record) => record.Responses.Any(string.IsNullOrWhiteSpace);
}

/// <summary>Rejects a line when any response contains a banned substring.</summary>
internal sealed class BannedSubstringRule(IReadOnlyList<string> substrings, bool ignoreCase) : IFilterRule
{
    private readonly StringComparison comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public string Name => FilterRules.Banned;

    public bool Rejects(GenerationRecord record) =>
        record.Responses.Any(response => substrings.Any(s => response.Contains(s, comparison)));
}
