using System.Text.Json.Nodes;

namespace Samsara.Alignment.Tests.Training;

/// <summary>
/// A tiny world whose principles a byte-level model can learn and a program can check: answer in capitals or in
/// small letters; end with "!" or with ".". Queries ask for a word; the response under a constitution is that
/// word, cased and punctuated as its two principles say.
/// </summary>
internal static class SyntheticPrinciples
{
    private static readonly string[] Words =
    [
        "apple", "river", "stone", "cloud", "tiger", "maple", "honey", "lemon", "ocean", "piano", "zebra", "candle",
        "garden", "rocket", "silver", "winter", "forest", "pepper", "butter", "castle", "dragon", "island", "jungle",
        "mirror", "needle", "orange", "planet", "rabbit", "saddle", "tomato", "violet", "walnut",
    ];

    public static IReadOnlyList<string> Train => Words[..24];

    public static IReadOnlyList<string> HeldOut => Words[24..];

    /// <summary>The four constitutions {capitals, small} × {"!", "."}: (text, capitals?, exclamation?).</summary>
    public static IReadOnlyList<(string Text, bool Capitals, bool Exclamation)> Constitutions { get; } =
    [
        ("1. Answer in capital letters.\n2. End with an exclamation mark.", true, true),
        ("1. Answer in capital letters.\n2. End with a full stop.", true, false),
        ("1. Answer in small letters.\n2. End with an exclamation mark.", false, true),
        ("1. Answer in small letters.\n2. End with a full stop.", false, false),
    ];

    public static string Query(string word) => $"Say the word {word}.";

    public static string Response(string word, bool capitals, bool exclamation) =>
        (capitals ? word.ToUpperInvariant() : word) + (exclamation ? "!" : ".");

    public static IEnumerable<JsonObject> SftLines(IEnumerable<string> words) =>
        from word in words
        from c in Constitutions
        select new JsonObject
        {
            ["id"] = $"{word}-{(c.Capitals ? 'C' : 's')}{(c.Exclamation ? '!' : '.')}",
            ["prompt"] = TrainingPrompt.Format(c.Text, Query(word)),
            ["completion"] = Response(word, c.Capitals, c.Exclamation),
        };

    public static IEnumerable<JsonObject> SamiLines(IEnumerable<string> words) => words.Select(word => new JsonObject
    {
        ["id"] = word,
        ["category"] = "words",
        ["prompt"] = Query(word),
        ["constitutions"] = new JsonArray(Constitutions.Select(c => (JsonNode?)c.Text).ToArray()),
        ["responses"] = new JsonArray(Constitutions.Select(c => (JsonNode?)Response(word, c.Capitals, c.Exclamation)).ToArray()),
    });

    /// <summary>Chosen: capitals and "!" under that constitution; rejected: what its antithesis asks for.</summary>
    public static IEnumerable<JsonObject> PreferenceLines(IEnumerable<string> words) => words.Select(word => new JsonObject
    {
        ["id"] = word,
        ["prompt"] = TrainingPrompt.Format(Constitutions[0].Text, Query(word)),
        ["chosen"] = Response(word, true, true),
        ["rejected"] = Response(word, false, false),
    });
}
