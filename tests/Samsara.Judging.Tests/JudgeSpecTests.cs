using Samsara.Judging.Backends;

namespace Samsara.Judging.Tests;

public sealed class JudgeSpecTests
{
    [Fact]
    public void Parses_the_three_kinds()
    {
        var openai = JudgeSpec.Parse("openai:http://127.0.0.1:8000/v1#gpt-4o");
        Assert.Equal((JudgeKind.OpenAi, "http://127.0.0.1:8000/v1", "gpt-4o"), (openai.Kind, openai.Endpoint!.ToString(), openai.Model));
        Assert.Equal((JudgeKind.LogProb, "/models/tiny"), (JudgeSpec.Parse("logprob:/models/tiny").Kind, JudgeSpec.Parse("logprob:/models/tiny").Directory));
        Assert.Equal((JudgeKind.Rubric, null), (JudgeSpec.Parse("rubric").Kind, JudgeSpec.Parse("rubric").Checks));
        Assert.Equal("latex,steps", JudgeSpec.Parse("rubric:latex,steps").Checks);
    }

    [Theory]
    [InlineData("gpt4", "expected openai:URL#MODEL")]
    [InlineData("openai:http://x/v1", "needs the model after '#'")]
    [InlineData("openai:http://x/v1#", "needs the model after '#'")]
    [InlineData("openai:ftp://x#m", "is not an http(s) URL")]
    [InlineData("logprob:", "needs the model directory")]
    [InlineData("rubric:", "needs checks")]
    public void Refuses_malformed_specs_with_the_reason(string text, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => JudgeSpec.Parse(text));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_openai_backend_is_refused_by_a_host_without_one()
    {
        var spec = JudgeSpec.Parse("openai:http://127.0.0.1:9/v1#m");
        var e = Assert.Throws<ArgumentException>(() => new JudgeBackends().Create(spec));
        Assert.Contains("this host has no OpenAI-compatible backend", e.Message, StringComparison.Ordinal);
        var plugged = new JudgeBackends { OpenAiModels = s => new Support.ScriptedJudgeModel($"openai:{s.Endpoint}#{s.Model}", (_, _) => "[[A]]") }.Create(spec);
        Assert.IsType<LlmJudge>(plugged);
        Assert.Equal("openai:http://127.0.0.1:9/v1#m", plugged.Name);
    }

    [Fact]
    public void Rubric_specs_name_known_checks_only()
    {
        Assert.Equal("rubric:samsara-rubric-v1:latex,words<=50", new JudgeBackends().Create(JudgeSpec.Parse("rubric:latex,words<=50")).Name);
        var e = Assert.Throws<ArgumentException>(() => new JudgeBackends().Create(JudgeSpec.Parse("rubric:latex,shiny")));
        Assert.Contains("'shiny'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new JudgeBackends().Create(JudgeSpec.Parse("logprob:/no/such/model")));
    }
}
