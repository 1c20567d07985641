using Google.Protobuf;
using Samsara.Api.V1;

namespace Samsara.Api.Tests;

public class RunSpecValidatorTests
{
    private static readonly RunSpecValidator Validator = new(path => path.StartsWith("models/", StringComparison.Ordinal), path => path.EndsWith(".jsonl", StringComparison.Ordinal));

    private static RunSpec Valid() => new()
    {
        Name = "quickstart",
        Teacher = new ModelRef { Path = "models/teacher" },
        Student = new ModelRef { Path = "models/student", Device = "cuda:1", Dtype = "bf16" },
        TrainPrompts = new PromptSet { Path = "data/train.jsonl" },
        EvalPrompts = new PromptSet { Path = "data/eval.jsonl" },
        Constitutions = new ConstitutionSpec { Principles = "default", PerPrompt = 4 },
        Training =
        {
            new TrainingSpec { Algorithm = Algorithm.Sft, LearningRate = 1e-5, Steps = 10 },
            new TrainingSpec { Algorithm = Algorithm.SftSami, LearningRate = 1e-6, Steps = 4, Lora = new LoraSpec { Rank = 8, Alpha = 16 } },
        },
        Evaluation = new EvaluationSpec { Protocol = "both", Samples = 10, K = { 1, 10 } },
    };

    [Fact]
    public void A_complete_spec_is_valid_and_survives_the_wire()
    {
        var spec = Valid();
        Assert.Empty(Validator.Validate(spec));
        Assert.Equal(spec, RunSpec.Parser.ParseFrom(spec.ToByteArray()));
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var spec = Valid();
        spec.Teacher.Path = "";
        spec.Student.Path = "nowhere/student";
        spec.Student.Device = "tpu";
        spec.Constitutions.PerPrompt = 3;
        spec.Training[1].MicroBatch = 8;
        spec.Training[1].BatchQueries = 4;
        spec.Training.Add(new TrainingSpec { Steps = 1 });
        spec.Evaluation.K.Add(20);
        var fields = Validator.Validate(spec).Select(v => v.Field).ToArray();
        Assert.Equal(
        [
            "spec.teacher.path", "spec.student.path", "spec.student.device", "spec.constitutions.per_prompt",
            "spec.training[1].micro_batch", "spec.training[2].algorithm", "spec.evaluation.k[2]",
        ], fields);
    }

    [Fact]
    public void An_endpoint_teacher_needs_no_model_directory_but_a_url_and_a_model_name()
    {
        var spec = Valid();
        spec.Teacher = new ModelRef { Endpoint = new EndpointRef { BaseUrl = "http://127.0.0.1:8000/v1", Model = "llama", Api = "chat" } };
        Assert.Empty(Validator.Validate(spec));

        spec.Teacher.Endpoint = new EndpointRef { BaseUrl = "ftp://x", Api = "rest" };
        spec.Student.Endpoint = new EndpointRef { BaseUrl = "http://127.0.0.1:8000/v1", Model = "m" };
        Assert.Equal(["spec.teacher.endpoint.base_url", "spec.teacher.endpoint.model", "spec.teacher.endpoint.api", "spec.student.endpoint"],
            Validator.Validate(spec).Select(v => v.Field).Where(f => f.Contains("endpoint", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public void A_missing_spec_or_training_list_is_named()
    {
        Assert.Equal("spec", Assert.Single(Validator.Validate(null)).Field);
        var spec = Valid();
        spec.Training.Clear();
        Assert.Contains(Validator.Validate(spec), v => v.Field == "spec.training" && v.Description.Contains("at least one", StringComparison.Ordinal));
    }

    [Fact]
    public void What_this_version_cannot_do_is_refused_by_name_not_ignored()
    {
        var spec = Valid();
        spec.Training[1].Iterations = 3;
        spec.Training.RemoveAt(0);
        var violations = Validator.Validate(spec);
        Assert.Contains(violations, v => v.Field == "spec.training[0].algorithm" && v.Description.Contains("add an SFT entry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai:http://127.0.0.1:8000/v1", "the model after a '#'")]
    [InlineData("openai:http://127.0.0.1:8000/v1#", "the model after a '#'")]
    [InlineData("openai:ftp://host/v1#judge", "is not an http(s) URL")]
    [InlineData("openai:not a url#judge", "is not an http(s) URL")]
    public void An_openai_judge_needs_an_http_url_and_a_model(string judge, string problem)
    {
        var spec = Valid();
        spec.Evaluation.Judges.Add("openai:https://judge.example/v1#gpt-4o");
        spec.Evaluation.Judges.Add(judge);
        var violation = Assert.Single(Validator.Validate(spec));
        Assert.Equal("spec.evaluation.judges[1]", violation.Field);
        Assert.Contains(problem, violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_directory_must_exist()
    {
        var spec = Valid();
        spec.Teacher.Path = "models-missing/x";
        var violation = Assert.Single(Validator.Validate(spec));
        Assert.Equal("spec.teacher.path", violation.Field);
        Assert.Contains("not a model directory", violation.Description);
    }

    [Fact]
    public void Rubric_and_logprob_judges_a_compact_prompt_format_and_accuracy_prompts_are_accepted()
    {
        var spec = Valid();
        spec.Constitutions.PromptFormat = "compact";
        spec.Evaluation.Judges.Add(["rubric", "rubric:latex,steps", "logprob", "logprob:models/judge"]);
        spec.Evaluation.AccuracyPrompts = new PromptSet { Path = "data/accuracy.jsonl" };
        Assert.Empty(Validator.Validate(spec));
    }

    [Fact]
    public void Bad_judges_prompt_formats_and_accuracy_prompts_are_named()
    {
        var spec = Valid();
        spec.Constitutions.PromptFormat = "chatml";
        spec.Evaluation.Judges.Add(["gpt4", "rubric:", "logprob:nowhere/judge"]);
        spec.Evaluation.AccuracyPrompts = new PromptSet { Path = "data/accuracy.csv" };
        var violations = Validator.Validate(spec);
        Assert.Equal(
        [
            "spec.constitutions.prompt_format", "spec.evaluation.judges[0]", "spec.evaluation.judges[1]", "spec.evaluation.judges[2]",
            "spec.evaluation.accuracy_prompts.path",
        ], violations.Select(v => v.Field).ToArray());
        Assert.Contains("not paper or compact", violations[0].Description, StringComparison.Ordinal);
        Assert.Contains("not a model directory", violations[3].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_teachers_logprob_judge_needs_a_local_teacher()
    {
        var spec = Valid();
        spec.Teacher = new ModelRef { Endpoint = new EndpointRef { BaseUrl = "http://127.0.0.1:8000/v1", Model = "llama" } };
        spec.Evaluation.Judges.Add("logprob");
        var violation = Assert.Single(Validator.Validate(spec));
        Assert.Equal("spec.evaluation.judges[0]", violation.Field);
        Assert.Contains("local model", violation.Description, StringComparison.Ordinal);
    }
}
