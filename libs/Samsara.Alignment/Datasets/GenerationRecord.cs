using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets.Internal;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Datasets;

/// <summary>
/// One line of a generations file (docs/architecture.md §9): a query, its C constitutions and the response written under
/// each (<c>Responses[j]</c> under <c>Constitutions[j]</c>), why each ended, and — when Samsara sampled the
/// constitutions — each one's <see cref="Constitution.Signs"/>. <paramref name="Source"/> is the line as read,
/// which the filter keeps unchanged.
/// </summary>
public sealed record GenerationRecord(
    string Id,
    string Category,
    string Prompt,
    IReadOnlyList<string> Constitutions,
    IReadOnlyList<string>? Signs,
    IReadOnlyList<string> Responses,
    IReadOnlyList<string> FinishReasons,
    JsonlRecord Source)
{
    private static readonly string[] KnownFinishReasons = ["eos", "stop", "length"];

    /// <summary>Reads and checks one line: the lists must be equally long, with at least two constitutions.</summary>
    public static GenerationRecord From(JsonlRecord line)
    {
        var constitutions = line.StringList("constitutions");
        var responses = line.StringList("responses");
        var finishReasons = line.StringList("finish_reasons");
        var signs = line.Object.ContainsKey("signs") ? line.StringList("signs") : null;
        if (constitutions.Length < 2) throw line.Error($"{constitutions.Length} constitution(s); a generation needs at least 2 to contrast");
        if (responses.Length != constitutions.Length)
            throw line.Error($"{constitutions.Length} constitutions but {responses.Length} responses (responses[j] is written under constitutions[j])");
        if (finishReasons.Length != constitutions.Length)
            throw line.Error($"{constitutions.Length} constitutions but {finishReasons.Length} finish_reasons");
        if (finishReasons.FirstOrDefault(r => !KnownFinishReasons.Contains(r)) is { } unknown)
            throw line.Error($"finish reason \"{unknown}\" is not one of {string.Join(", ", KnownFinishReasons)}");
        if (signs is not null)
        {
            if (signs.Length != constitutions.Length) throw line.Error($"{constitutions.Length} constitutions but {signs.Length} signs");
            if (signs.FirstOrDefault(s => s.Length == 0 || s.Length != signs[0].Length || s.Any(c => c is not (Constitution.Strong or Constitution.Antithesis))) is { } bad)
                throw line.Error($"sign \"{bad}\" must be '+'/'-' per principle, as long as the others");
        }
        return new GenerationRecord(line.Id(), line.RequiredString("category"), line.RequiredString("prompt"),
            constitutions, signs, responses, finishReasons, line);
    }

    /// <summary>The index of the positive constitution (every principle strong).</summary>
    public int PositiveIndex => IndexOf(Constitution.Strong, "positive (all '+')");

    /// <summary>The index of the positive constitution's antithesis (every principle reversed).</summary>
    public int AntithesisIndex => IndexOf(Constitution.Antithesis, "antithesis (all '-')");

    private int IndexOf(char sign, string what)
    {
        if (Signs is null)
            throw Source.Error("field \"signs\" is missing, so the positive and antithesis constitutions cannot be told apart " +
                               "(generate with --constitutions to record them)");
        for (var j = 0; j < Signs.Count; j++)
            if (Signs[j].All(s => s == sign)) return j;
        throw Source.Error($"no {what} constitution among signs [{string.Join(", ", Signs)}]");
    }
}
