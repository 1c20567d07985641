namespace Samsara.Alignment.Constitutions;

/// <summary>
/// One constitution as a model sees it: <paramref name="Text"/> lists its principles numbered ("1. …\n2. …") in the
/// order they were drawn. <paramref name="Signs"/> gives each principle's polarity in the category's canonical order
/// (not the written order): '+' the principle's strong wording, '-' its antithesis — "++" is the positive
/// constitution, "--" its antithesis. <paramref name="WrittenOrder"/> holds the principle ids as written.
/// </summary>
public sealed record Constitution(string Text, string Signs, IReadOnlyList<string> WrittenOrder)
{
    public const char Strong = '+';
    public const char Antithesis = '-';

    /// <summary>All principles in their strong wording (evaluation constitutions also count as positive).</summary>
    public bool IsPositive => Signs.All(s => s == Strong);

    /// <summary>All principles in their antithesis wording.</summary>
    public bool IsAntithesis => Signs.All(s => s == Antithesis);

    /// <summary>"1. first\n2. second": the numbered list both papers write constitutions as.</summary>
    public static string Number(IEnumerable<string> principles) =>
        string.Join("\n", principles.Select((p, i) => $"{i + 1}. {p}"));
}
