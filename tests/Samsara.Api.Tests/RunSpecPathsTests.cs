using Samsara.Api.V1;

namespace Samsara.Api.Tests;

/// <summary>The one list of a spec's paths that resolving (spec file, artifact store) and confining (the gateway) visit.</summary>
public sealed class RunSpecPathsTests
{
    private static RunSpec Spec() => new()
    {
        Teacher = new ModelRef { Path = "models/teacher" },
        Student = new ModelRef { Path = "models/student" },
        TrainPrompts = new PromptSet { Path = "data/train.jsonl" },
        EvalPrompts = new PromptSet { Path = "data/eval.jsonl" },
        Constitutions = new ConstitutionSpec { Principles = "data/principles.json" },
        Evaluation = new EvaluationSpec
        {
            AccuracyPrompts = new PromptSet { Path = "data/gsm8k.jsonl" },
            Judges = { "rubric", "logprob:models/judge", "logprob", "openai:http://x/v1#m" },
        },
    };

    [Fact]
    public void Every_path_is_named_by_its_field_and_nothing_else_is_a_path()
    {
        Assert.Equal(
        [
            ("spec.teacher.path", "models/teacher"),
            ("spec.student.path", "models/student"),
            ("spec.train_prompts.path", "data/train.jsonl"),
            ("spec.eval_prompts.path", "data/eval.jsonl"),
            ("spec.constitutions.principles", "data/principles.json"),
            ("spec.evaluation.accuracy_prompts.path", "data/gsm8k.jsonl"),
            ("spec.evaluation.judges[1]", "models/judge"),
        ], RunSpecPaths.All(Spec()));
    }

    [Fact]
    public void Empty_paths_the_built_in_principles_and_a_remote_teacher_are_not_paths()
    {
        var spec = new RunSpec
        {
            Teacher = new ModelRef { Endpoint = new EndpointRef { BaseUrl = "http://x/v1", Model = "m" } },
            Student = new ModelRef { Path = "s" },
            TrainPrompts = new PromptSet { Path = "t.jsonl" },
            Constitutions = new ConstitutionSpec { Principles = RunSpecPaths.DefaultPrinciples },
        };

        Assert.Equal([("spec.student.path", "s"), ("spec.train_prompts.path", "t.jsonl")], RunSpecPaths.All(spec));
    }

    [Fact]
    public void Rewrite_replaces_each_path_in_place_and_keeps_a_judges_prefix()
    {
        var spec = Spec();

        RunSpecPaths.Rewrite(spec, (field, path) => $"/root/{path}");

        Assert.Equal("/root/models/teacher", spec.Teacher.Path);
        Assert.Equal("/root/data/principles.json", spec.Constitutions.Principles);
        Assert.Equal("/root/data/gsm8k.jsonl", spec.Evaluation.AccuracyPrompts.Path);
        Assert.Equal(["rubric", "logprob:/root/models/judge", "logprob", "openai:http://x/v1#m"], spec.Evaluation.Judges);
    }
}
