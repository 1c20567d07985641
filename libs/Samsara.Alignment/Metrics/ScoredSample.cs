using System.Text.Json.Nodes;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// One sampled response to a question, with what each extractor read from it and whether that was the reference.
/// <see cref="Answers"/> and <see cref="Correct"/> follow the order of <see cref="AnswerExtractor.All"/>.
/// </summary>
public sealed record ScoredSample(string Id, int Sample, string Response, string FinishReason, IReadOnlyList<string?> Answers,
                                  IReadOnlyList<bool> Correct)
{
    public static ScoredSample Score(EvalQuestion question, int sample, string response, string finishReason) => new(
        question.Id,
        sample,
        response,
        finishReason,
        AnswerExtractor.All.Select(e => e.Extract(response)).ToArray(),
        AnswerExtractor.All.Select(e => e.IsCorrect(response, question.Reference)).ToArray());

    /// <summary>The samples.jsonl line: id, sample, response, finish_reason, reference, answers{…}, correct{…}.</summary>
    public JsonObject ToJson(string reference)
    {
        var answers = new JsonObject();
        var correct = new JsonObject();
        for (var e = 0; e < AnswerExtractor.All.Count; e++)
        {
            answers[AnswerExtractor.All[e].Name] = Answers[e];
            correct[AnswerExtractor.All[e].Name] = Correct[e];
        }
        return new JsonObject
        {
            ["id"] = Id,
            ["sample"] = Sample,
            ["response"] = Response,
            ["finish_reason"] = FinishReason,
            ["reference"] = reference,
            ["answers"] = answers,
            ["correct"] = correct,
        };
    }
}
