namespace Samsara.Judging;

/// <summary>Which judge backend a spec names.</summary>
public enum JudgeKind
{
    OpenAi,
    LogProb,
    Rubric,
}

/// <summary>
/// A judge as written on the command line and in task messages:
/// <c>openai:URL#MODEL</c> (an OpenAI-compatible endpoint and the model it serves), <c>logprob:DIR</c> (a local model
/// directory, see <see cref="Backends.LogProbJudge"/>), <c>rubric</c> (the default rubric) or <c>rubric:CHECK,…</c>
/// (those checks for every category, see <see cref="Rubric.RubricChecks"/>).
/// </summary>
public sealed record JudgeSpec(JudgeKind Kind, string Text, Uri? Endpoint = null, string? Model = null, string? Directory = null, string? Checks = null)
{
    public static JudgeSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var (scheme, rest) = colon < 0 ? (text, "") : (text[..colon], text[(colon + 1)..]);
        switch (scheme)
        {
            case "rubric":
                if (colon >= 0 && rest.Length == 0) throw Invalid(text, "rubric: needs checks after the colon, or write just 'rubric'");
                return new JudgeSpec(JudgeKind.Rubric, text, Checks: colon < 0 ? null : rest);
            case "logprob":
                if (rest.Length == 0) throw Invalid(text, "logprob:DIR needs the model directory");
                return new JudgeSpec(JudgeKind.LogProb, text, Directory: rest);
            case "openai":
                var hash = rest.LastIndexOf('#');
                if (hash < 0 || hash == rest.Length - 1) throw Invalid(text, "openai:URL#MODEL needs the model after '#'");
                if (!Uri.TryCreate(rest[..hash], UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                    throw Invalid(text, $"'{rest[..hash]}' is not an http(s) URL");
                return new JudgeSpec(JudgeKind.OpenAi, text, Endpoint: endpoint, Model: rest[(hash + 1)..]);
            default:
                throw Invalid(text, "expected openai:URL#MODEL, logprob:DIR or rubric");
        }
    }

    public override string ToString() => Text;

    private static ArgumentException Invalid(string text, string why) => new($"judge '{text}': {why}");
}
