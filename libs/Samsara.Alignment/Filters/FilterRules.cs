namespace Samsara.Alignment.Filters;

/// <summary>
/// The filter rules, by the names configs and reports use, in the order they are checked: the first three look
/// at every response of a generation line, the last three at the contrast between the positive constitution's
/// response and its antithesis's (docs/architecture.md §11).
/// </summary>
public static class FilterRules
{
    /// <summary>Every response ended on its own (EOS or a stop string), not at the token limit.</summary>
    public const string Termination = "termination";

    /// <summary>Every response has some non-whitespace text.</summary>
    public const string Empty = "empty";

    /// <summary>No response contains a banned substring (leaked prompt structure, template placeholders).</summary>
    public const string Banned = "banned";

    /// <summary>The longer response is at least ratio × the shorter's length.</summary>
    public const string LengthRatio = "length_ratio";

    /// <summary>The shorter response has at least a minimum number of characters.</summary>
    public const string ShortLength = "short_length";

    /// <summary>The longer response's prefix differs from the shorter response by more than a fraction of its length.</summary>
    public const string PrefixDistance = "prefix_distance";

    public static IReadOnlyList<string> All { get; } = [Termination, Empty, Banned, LengthRatio, ShortLength, PrefixDistance];
}
