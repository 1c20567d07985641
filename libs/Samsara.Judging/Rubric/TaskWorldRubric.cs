using Samsara.Alignment.Constitutions;
using Samsara.Alignment.TaskWorld;

namespace Samsara.Judging.Rubric;

/// <summary>
/// The rubric of Samsara's task world: each category's two principles, read off a response by the world's own
/// checkers (<see cref="WorldPrinciples.Checks"/>); a check passes when the response follows the principle's strong
/// side. It applies to a principle set only when the world can check every principle in it.
/// </summary>
public static class TaskWorldRubric
{
    public const string Version = "samsara-taskworld-rubric-v1";

    /// <summary>The rubric for <paramref name="principles"/>, or null when some principle has no task-world checker.</summary>
    public static RubricSet? For(PrincipleSet principles)
    {
        ArgumentNullException.ThrowIfNull(principles);
        if (principles.Principles.Any(p => !WorldPrinciples.Checks.ContainsKey(p.Id))) return null;
        return RubricSet.ByCategory(Version, principles.Categories.ToDictionary(
            c => c,
            c => (IReadOnlyList<IRubricCheck>)principles.ForCategory(c).Select(p => (IRubricCheck)new PrincipleRubricCheck(WorldPrinciples.Checks[p.Id])).ToList(),
            StringComparer.OrdinalIgnoreCase));
    }

    private sealed class PrincipleRubricCheck(PrincipleCheck check) : IRubricCheck
    {
        public string Name => check.PrincipleId;

        public bool Passes(string response) => check.Check(response) == Adherence.Strong;
    }
}
