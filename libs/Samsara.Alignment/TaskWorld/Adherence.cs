namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// Which wording of a principle a response follows, as a program reads it: the strong form, its antithesis, or
/// neither (a response that mixes both or is malformed — it follows no side, so it never counts as adherent).
/// </summary>
public enum Adherence
{
    Neither,
    Strong,
    Antithesis,
}
