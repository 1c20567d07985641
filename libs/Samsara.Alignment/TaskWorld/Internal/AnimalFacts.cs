using Samsara.Alignment.Internal;

namespace Samsara.Alignment.TaskWorld.Internal;

/// <summary>
/// Questions about a small fixed table of animals (legs, home, food), each asked in three phrasings, so a held-out
/// prompt is a new phrasing of facts the training split contains. Principles: facts.polite (a greeting first and
/// thanks last vs neither) and facts.detail (one more fact about the animal vs only the fact asked for).
/// </summary>
internal static class AnimalFacts
{
    public const string Category = "facts";

    private static readonly (string Name, int Legs, string Home, string Food)[] Animals =
    [
        ("cat", 4, "a house", "fish"), ("dog", 4, "a kennel", "bones"), ("cow", 4, "a barn", "grass"),
        ("duck", 2, "a pond", "bread"), ("hen", 2, "a coop", "seeds"), ("horse", 4, "a stable", "hay"),
        ("sheep", 4, "a field", "grass"), ("pig", 4, "a sty", "corn"), ("owl", 2, "a tree", "mice"),
        ("frog", 4, "a pond", "flies"), ("bee", 6, "a hive", "nectar"), ("spider", 8, "a web", "flies"),
        ("ant", 6, "a nest", "leaves"), ("crab", 10, "the sea", "algae"), ("fox", 4, "a den", "rabbits"),
        ("snail", 0, "a garden", "lettuce"),
    ];

    private static readonly string[][] Phrasings =
    [
        ["How many legs does {0} have?", "Tell me how many legs {0} has.", "What is the number of legs of {0}?"],
        ["Where does {0} live?", "Tell me where {0} lives.", "What is the home of {0}?"],
        ["What does {0} eat?", "Tell me what {0} eats.", "What food does {0} like?"],
    ];

    public static readonly string[] Greetings = ["Hello!", "Hi there!"];

    public static readonly string[] Thanks = ["Thanks for asking!", "Thank you for the question."];

    public static WorldTask Create(SeededRandom r, string id)
    {
        var animal = Animals[r.NextBelow(Animals.Length)];
        var attribute = r.NextBelow(3);
        var prompt = string.Format(System.Globalization.CultureInfo.InvariantCulture, Phrasings[attribute][r.NextBelow(3)], WithArticle(animal.Name));
        var reference = attribute == 0 ? animal.Legs.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new WorldTask(id, Category, prompt, reference, (polite, detail, variant) =>
        {
            var sentences = new List<string> { Fact(animal, attribute, Capitalized(WithArticle(animal.Name))) };
            // The extra fact is one of the two attributes not asked about; the variant picks which.
            if (detail) sentences.Add(Fact(animal, (attribute + 1 + variant % 2) % 3, "It also"));
            if (polite)
            {
                sentences.Insert(0, Greetings[variant / 2 % Greetings.Length]);
                sentences.Add(Thanks[variant / 4 % Thanks.Length]);
            }
            return string.Join(" ", sentences);
        });
    }

    private static string WithArticle(string noun) => ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Fact((string Name, int Legs, string Home, string Food) a, int attribute, string subject) => attribute switch
    {
        0 => $"{subject} has {a.Legs} legs.",
        1 => $"{subject} lives in {a.Home}.",
        _ => $"{subject} eats {a.Food}.",
    };
}
