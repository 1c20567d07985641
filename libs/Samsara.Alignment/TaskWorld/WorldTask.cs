namespace Samsara.Alignment.TaskWorld;

/// <summary>
/// One question of the task world: its id, category, text and (math) exact answer, and how a perfect assistant
/// answers it under each constitution. <see cref="Respond"/> takes the signs of the category's two principles in
/// canonical order ("+-": the first principle's strong form, the second's antithesis) and a variant number that
/// picks among equally good surface forms (which greeting, which list items).
/// </summary>
public sealed class WorldTask
{
    private readonly Func<bool, bool, int, string> render;

    internal WorldTask(string id, string category, string prompt, string? reference, Func<bool, bool, int, string> render)
    {
        Id = id;
        Category = category;
        Prompt = prompt;
        Reference = reference;
        this.render = render;
    }

    public string Id { get; }

    public string Category { get; }

    public string Prompt { get; }

    /// <summary>The exact numeric answer (math), or null where the category has none.</summary>
    public string? Reference { get; }

    public string Respond(string signs, int variant = 0)
    {
        if (signs.Length != 2 || signs.Any(s => s is not (Constitutions.Constitution.Strong or Constitutions.Constitution.Antithesis)))
            throw new ArgumentException($"signs must be two of '+'/'-' (one per principle of the category), not \"{signs}\"");
        return render(signs[0] == Constitutions.Constitution.Strong, signs[1] == Constitutions.Constitution.Strong, variant);
    }
}
