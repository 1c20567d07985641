using Samsara.Alignment.Internal;

namespace Samsara.Alignment.TaskWorld.Internal;

/// <summary>
/// "Name three fruits."-style requests over six small word lists, 2–5 items, four phrasings. Principles:
/// lists.bullets (one "- item" per line vs the items on one line, separated by commas) and lists.intro (a short
/// sentence ending in a colon first vs starting straight with the items). Which items is the variant's choice.
/// </summary>
internal static class ListRequests
{
    public const string Category = "lists";

    private static readonly (string Kind, string[] Items)[] Lists =
    [
        ("fruits", ["apple", "banana", "cherry", "grape", "lemon", "mango", "peach", "pear", "plum"]),
        ("colors", ["red", "blue", "green", "yellow", "orange", "purple", "pink", "brown"]),
        ("vegetables", ["carrot", "potato", "onion", "pea", "bean", "leek", "corn", "kale"]),
        ("shapes", ["circle", "square", "triangle", "star", "oval", "heart"]),
        ("instruments", ["drum", "flute", "guitar", "piano", "violin", "harp"]),
        ("tools", ["hammer", "saw", "drill", "wrench", "spade", "rake"]),
    ];

    private static readonly string[] Counts = ["two", "three", "four", "five"];

    private static readonly string[] Phrasings = ["Name {0} {1}.", "List {0} {1}.", "Give me {0} {1}.", "What are {0} {1}?"];

    public static WorldTask Create(SeededRandom r, string id)
    {
        var (kind, items) = Lists[r.NextBelow(Lists.Length)];
        var count = 2 + r.NextBelow(Counts.Length);
        var countWord = Counts[count - 2];
        var prompt = string.Format(System.Globalization.CultureInfo.InvariantCulture, Phrasings[r.NextBelow(Phrasings.Length)], countWord, kind);
        return new WorldTask(id, Category, prompt, null, (bullets, intro, variant) =>
        {
            var chosen = SeededRandom.For((ulong)variant, "list-items", id).Shuffled(items).Take(count).ToArray();
            var body = bullets ? string.Join("\n", chosen.Select(x => $"- {x}"))
                : $"{string.Join(", ", chosen[..^1])} and {chosen[^1]}.";
            return intro ? $"Here are {countWord} {kind}:{(bullets ? "\n" : " ")}{body}" : body;
        });
    }
}
