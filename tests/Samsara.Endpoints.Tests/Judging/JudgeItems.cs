using Samsara.Endpoints.Judging;
using Samsara.Judging;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Endpoints.Tests.Judging;

/// <summary>Short pairwise items whose responses tell a scripted judge what to answer, and the judge to run them through.</summary>
internal static class JudgeItems
{
    private static readonly string[] Categories = ["writing", "math", "coding"];

    /// <summary>
    /// Item i (question "Question i: …"): i % 4 == 0 → A "good", B "poor"; 1 → A "poor", B "good"; 2 → both "loud"
    /// (a judge that prefers whatever it sees first); 3 → both "poor" (a judge that cannot decide).
    /// </summary>
    public static List<PairwiseItem> Make(int n) => Enumerable.Range(0, n).Select(i =>
    {
        var (a, b) = (i % 4) switch
        {
            0 => ("good", "poor"),
            1 => ("poor", "good"),
            2 => ("loud", "loud"),
            _ => ("poor", "poor"),
        };
        return new PairwiseItem($"q{i}", Categories[i % 3], $"Question {i}: which answer is better?", "1. Be brief.", $"{a} answer {i} by A", $"{b} answer {i} by B");
    }).ToList();

    /// <summary>The item index a judge prompt is about.</summary>
    public static int IndexOf(string prompt)
    {
        var start = prompt.IndexOf("Question ", StringComparison.Ordinal) + "Question ".Length;
        return int.Parse(prompt[start..prompt.IndexOf(':', start)], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A judge's answer by the rules of <see cref="Make"/>: an explanation, then the verdict in MT-Bench's form (or none).</summary>
    public static string Verdict(string prompt)
    {
        var first = Between(prompt, "[Response A]\n", "\n[End of response A]");
        var second = Between(prompt, "[Response B]\n", "\n[End of response B]");
        if (first.StartsWith("loud", StringComparison.Ordinal)) return "The first response is louder.\n[[A]]";
        if (first.StartsWith("good", StringComparison.Ordinal)) return "Response A follows the instructions.\n[[A]]";
        if (second.StartsWith("good", StringComparison.Ordinal)) return "Response B follows the instructions.\n[[B]]";
        return "I cannot tell these apart.";
    }

    /// <summary>The LLM judge for <paramref name="spec"/> through <paramref name="models"/>, asking the principle-based question.</summary>
    public static IPairJudge Judge(EndpointJudgeModels models, JudgeSpec spec) =>
        new JudgeBackends { OpenAiModels = models.Create, PromptKind = PromptKind.PrincipleBased }.Create(spec);

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
