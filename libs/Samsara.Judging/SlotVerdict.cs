namespace Samsara.Judging;

/// <summary>
/// A verdict in the judge's frame, by position as shown: the first response, the second, a tie, or an answer no
/// verdict could be read from (counted as a tie, and reported apart).
/// </summary>
public enum SlotVerdict
{
    First,
    Second,
    Tie,
    Unparsed,
}
