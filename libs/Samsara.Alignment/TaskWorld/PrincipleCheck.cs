namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// The program that reads one task-world principle's adherence off a response (no model, no judge): what the
/// rubric judge and the pretraining report use as ground truth. <see cref="Describe"/> says in words what it tests.
/// </summary>
public sealed record PrincipleCheck(string PrincipleId, string Describe, Func<string, Adherence> Check)
{
    /// <summary>Whether <paramref name="response"/> follows the principle's side given by <paramref name="sign"/> ('+' strong, '-' antithesis).</summary>
    public bool Follows(string response, char sign) =>
        Check(response) == (sign == Constitutions.Constitution.Strong ? Adherence.Strong : Adherence.Antithesis);
}
