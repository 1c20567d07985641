using Samsara.Alignment.Datasets;

namespace Samsara.Alignment.Filters.Internal;

/// <summary>One filter rule: a name (as in <see cref="FilterRules"/>) and whether a generation line fails it.</summary>
internal interface IFilterRule
{
    string Name { get; }

    bool Rejects(GenerationRecord record);
}
