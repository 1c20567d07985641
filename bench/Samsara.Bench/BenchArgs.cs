using System.Globalization;

namespace Samsara.Bench;

/// <summary>A mode's `--name value` arguments, read pair by pair, with the errors every mode gives alike.</summary>
internal static class BenchArgs
{
    public static IEnumerable<(string Name, string Value)> Pairs(string[] args)
    {
        for (var i = 0; i < args.Length; i += 2)
            yield return i + 1 < args.Length ? (args[i], args[i + 1]) : throw new ArgumentException($"{args[i]} needs a value");
    }

    public static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new ArgumentException($"{name} must be a whole number > 0, not '{value}'");

    public static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ArgumentException($"{name} must be a whole number ≥ 0, not '{value}'");
}
