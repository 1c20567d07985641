using System.Globalization;
using System.Text.Json.Nodes;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// One question of an accuracy evaluation: the exact text the model continues and the reference answer in
/// <see cref="NumericAnswer"/>'s canonical form. <see cref="Label"/> names its file, line and id for errors.
/// </summary>
public sealed record EvalQuestion(string Id, string Prompt, string Reference, string Label)
{
    /// <summary>
    /// Reads a prompts line, <c>{"id","prompt","reference"}</c> (the prompt used as is), or a raw GSM8K line,
    /// <c>{"question","answer"}</c> (the question put in <see cref="GsmPrompt"/>, the reference taken from the
    /// answer's "#### N", the id the line number unless the line has one).
    /// </summary>
    public static EvalQuestion FromRecord(JsonlRecord record)
    {
        if (record.Object.ContainsKey("question"))
        {
            var id = record.Object.ContainsKey("id") ? record.Id() : record.Line.ToString(CultureInfo.InvariantCulture);
            var answer = record.RequiredString("answer");
            var reference = AnswerExtractor.Strict.Extract(answer)
                ?? throw new JsonlException($"{record.Path}:{record.Line}: field \"answer\" has no \"#### N\" line with the final number");
            return new EvalQuestion(id, GsmPrompt.Format(record.RequiredString("question")), reference, LabelOf(record, id));
        }
        if (!record.Object.ContainsKey("prompt"))
            throw new JsonlException($"{record.Path}:{record.Line}: expected {{\"id\",\"prompt\",\"reference\"}} or GSM8K's {{\"question\",\"answer\"}}");
        var promptId = record.Id();
        return new EvalQuestion(promptId, record.RequiredString("prompt"), ReadReference(record), LabelOf(record, promptId));
    }

    // A reference may be written as a JSON number or a string; either way it must be one number.
    private static string ReadReference(JsonlRecord record)
    {
        var text = record.Object["reference"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<decimal>(out _) => v.ToJsonString(),
            null => throw new JsonlException($"{record.Path}:{record.Line}: field \"reference\" is missing; accuracy needs the gold answer"),
            var other => throw new JsonlException($"{record.Path}:{record.Line}: field \"reference\" must be a number or a string, not {other.ToJsonString()}"),
        };
        return NumericAnswer.Normalize(text)
            ?? throw new JsonlException($"{record.Path}:{record.Line}: field \"reference\" must be a number, not \"{text}\"");
    }

    private static string LabelOf(JsonlRecord record, string id) => $"{record.Path}:{record.Line}: question '{id}'";
}
