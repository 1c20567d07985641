using System.Text.Json.Nodes;
using Samsara.Alignment.Metrics;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Tests.Metrics;

public sealed class EvalQuestionTests
{
    private static EvalQuestion Read(string json, int line = 4) =>
        EvalQuestion.FromRecord(new JsonlRecord((JsonObject)JsonNode.Parse(json)!, "data.jsonl", line));

    private static string Error(string json) => Assert.Throws<JsonlException>(() => Read(json)).Message;

    [Fact]
    public void A_gsm8k_line_is_asked_in_the_papers_prompt_and_numbered_by_line()
    {
        var q = Read("""{"question": "What is 2+2?", "answer": "2+2=<<2+2=4>>4\n#### 4"}""", line: 12);
        Assert.Equal("12", q.Id);
        Assert.Equal("Q: What is 2+2?\nA: Let's think step by step. First,", q.Prompt);
        Assert.Equal("4", q.Reference);
        Assert.Equal("data.jsonl:12: question '12'", q.Label);
    }

    [Fact]
    public void A_gsm8k_line_keeps_its_own_id_and_a_comma_reference_is_normalised()
    {
        var q = Read("""{"id": "gsm-7", "question": "How much?", "answer": "It is\n#### 1,450,000"}""");
        Assert.Equal(("gsm-7", "1450000"), (q.Id, q.Reference));
    }

    [Fact]
    public void A_prompts_line_is_used_as_is()
    {
        var q = Read("""{"id": 3, "prompt": "Q: 1+1?\nA:", "reference": "2.0"}""");
        Assert.Equal(("3", "Q: 1+1?\nA:", "2"), (q.Id, q.Prompt, q.Reference));
        Assert.Equal("-5", Read("""{"id": "n", "prompt": "p", "reference": -5}""").Reference);
    }

    [Theory]
    [InlineData("""{"question": "q", "answer": "no final line"}""", "data.jsonl:4: field \"answer\" has no \"#### N\"")]
    [InlineData("""{"question": "q"}""", "data.jsonl:4: field \"answer\" must be a string (it is missing)")]
    [InlineData("""{"id": "a", "prompt": "p"}""", "data.jsonl:4: field \"reference\" is missing")]
    [InlineData("""{"id": "a", "prompt": "p", "reference": "Paris"}""", "data.jsonl:4: field \"reference\" must be a number, not \"Paris\"")]
    [InlineData("""{"id": "a", "prompt": "p", "reference": [1]}""", "data.jsonl:4: field \"reference\" must be a number or a string")]
    [InlineData("""{"id": "a", "text": "p"}""", "data.jsonl:4: expected {\"id\",\"prompt\",\"reference\"} or GSM8K's {\"question\",\"answer\"}")]
    [InlineData("""{"prompt": "p", "reference": "1"}""", "data.jsonl:4: field \"id\" must be a string or an integer")]
    public void A_bad_line_is_named_by_file_and_line(string json, string expected) =>
        Assert.StartsWith(expected, Error(json));
}
