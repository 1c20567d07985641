using Samsara.Alignment.Internal;

namespace Samsara.Alignment.TaskWorld.Internal;

/// <summary>
/// Word problems with small numbers (sums to 40, products to 81) a byte-level model of a million parameters can
/// learn: one or two operations, an exact integer answer. Principles: math.steps (one calculation per line, then
/// the answer line, vs the answer line alone) and math.latex (every number between dollar signs vs plain text).
/// Every response ends with the line "Answer: N".
/// </summary>
internal static class MathProblems
{
    public const string Category = "math";

    private static readonly (string Name, string Pronoun)[] People =
        [("Tom", "He"), ("Ana", "She"), ("Sam", "He"), ("Mia", "She"), ("Ben", "He"), ("Lily", "She"), ("Max", "He"), ("Zoe", "She"), ("Leo", "He"), ("Ivy", "She")];

    private static readonly string[] Things = ["apples", "pencils", "stickers", "marbles", "cookies", "books", "cards", "shells"];

    public static WorldTask Create(SeededRandom r, string id)
    {
        var (name, pronoun) = People[r.NextBelow(People.Length)];
        var thing = Things[r.NextBelow(Things.Length)];
        switch (r.NextBelow(4))
        {
            case 0:
            {
                int a = 2 + r.NextBelow(19), b = 2 + r.NextBelow(19), s = a + b;
                return Task(id, $"{name} has {a} {thing}. {pronoun} gets {b} more. How many {thing} does {name} have now?", s,
                    latex => $"{name} has {N(a, latex)} {thing} and gets {N(b, latex)} more.", [Eq($"{a} + {b} = {s}")]);
            }
            case 1:
            {
                int a = 6 + r.NextBelow(15), b = 1 + r.NextBelow(a - 1), d = a - b;
                return Task(id, $"{name} has {a} {thing} and gives {b} to a friend. How many {thing} does {name} have left?", d,
                    latex => $"{name} has {N(a, latex)} {thing} and gives away {N(b, latex)}.", [Eq($"{a} - {b} = {d}")]);
            }
            case 2:
            {
                int a = 2 + r.NextBelow(8), b = 2 + r.NextBelow(8), p = a * b;
                return Task(id, $"{name} has {a} boxes with {b} {thing} in each box. How many {thing} does {name} have?", p,
                    latex => $"There are {N(a, latex)} boxes with {N(b, latex)} {thing} each.",
                    [latex => latex ? $"${a} \\times {b} = {p}$" : $"{a} * {b} = {p}"]);
            }
            default:
            {
                int a = 2 + r.NextBelow(11), b = 2 + r.NextBelow(11), s = a + b, c = 1 + r.NextBelow(s - 1), d = s - c;
                return Task(id, $"{name} has {a} {thing}, gets {b} more and then gives away {c}. How many {thing} does {name} have now?", d,
                    latex => $"{name} has {N(a, latex)} {thing}, gets {N(b, latex)} and gives away {N(c, latex)}.",
                    [Eq($"{a} + {b} = {s}"), Eq($"{s} - {c} = {d}")]);
            }
        }
    }

    // The response: the given facts and one calculation per line when showing steps, then always the answer line.
    private static WorldTask Task(string id, string prompt, int answer, Func<bool, string> facts, Func<bool, string>[] calculations) =>
        new(id, Category, prompt, answer.ToString(System.Globalization.CultureInfo.InvariantCulture), (steps, latex, _) =>
        {
            var answerLine = $"Answer: {N(answer, latex)}";
            return steps ? string.Join("\n", [facts(latex), .. calculations.Select(c => c(latex)), answerLine]) : answerLine;
        });

    private static Func<bool, string> Eq(string plain) => latex => latex ? $"${plain}$" : plain;

    private static string N(int n, bool latex) => latex ? $"${n}$" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
