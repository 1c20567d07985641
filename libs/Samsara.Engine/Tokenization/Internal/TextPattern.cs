using System.Text.RegularExpressions;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// A tokenizer.json pattern: <c>{"String": " "}</c> (literal) or <c>{"Regex": "..."}</c>. Hugging Face compiles
/// regexes with Oniguruma; .NET's engine accepts the patterns real tokenizers use (<c>(?i:...)</c>, <c>\p{L}</c>,
/// <c>(?!\S)</c>, <c>{1,3}</c>) with one difference: it sees UTF-16 code units, so a letter or digit outside the
/// Basic Multilingual Plane counts as "other" (a surrogate pair) rather than as <c>\p{L}</c>/<c>\p{N}</c>.
/// </summary>
internal sealed class TextPattern
{
    private readonly string? literal;

    public TextPattern(Regex regex, string? literal = null)
    {
        Regex = regex;
        this.literal = literal;
    }

    public Regex Regex { get; }

    public static TextPattern Literal(string text) =>
        new(new Regex(Regex.Escape(text), RegexOptions.CultureInvariant), text);

    public static TextPattern FromJson(JsonField field)
    {
        if (field.OptionalString("String") is { } text)
        {
            return Literal(text);
        }

        var regex = field.Required("Regex");
        try
        {
            return new TextPattern(new Regex(regex.String(), RegexOptions.Compiled | RegexOptions.CultureInvariant));
        }
        catch (ArgumentException e)
        {
            throw regex.Error($"is not a regex .NET can compile: {e.Message}");
        }
    }

    /// <summary>Replaces every match with <paramref name="content"/> taken literally (no <c>$1</c> substitutions, as in Hugging Face).</summary>
    public string Replace(string text, string content) =>
        literal is not null ? text.Replace(literal, content, StringComparison.Ordinal) : Regex.Replace(text, _ => content);
}
