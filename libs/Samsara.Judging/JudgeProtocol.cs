namespace Samsara.Judging;

/// <summary>
/// How an item is judged against position bias (docs/architecture.md §11): <see cref="Both"/> orders, a disagreement counting
/// as a tie (MT-Bench, FastChat's "inconsistent"); or one <see cref="Random"/> order per item from a seed (the papers).
/// </summary>
public enum JudgeProtocol
{
    Both,
    Random,
}

/// <summary>The protocols' names on the command line and in judgements files.</summary>
public static class JudgeProtocols
{
    public static string ToWireName(this JudgeProtocol protocol) => protocol == JudgeProtocol.Both ? "both" : "random";

    public static JudgeProtocol Parse(string text) => text switch
    {
        "both" => JudgeProtocol.Both,
        "random" => JudgeProtocol.Random,
        _ => throw new ArgumentException($"protocol '{text}' is not 'both' (both orders, disagreement = tie) or 'random' (one seeded order per item)"),
    };
}
