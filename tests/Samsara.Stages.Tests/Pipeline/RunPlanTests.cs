using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Filters;
using Samsara.Alignment.Training;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Stages.Plan;
using TorchSharp;
using Algorithm = Samsara.Api.V1.Algorithm;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>
/// A spec resolved into a run plan: every default in one place, and what the spec says wins over it. The stages read
/// the plan, so these are the defaults every stage uses.
/// </summary>
public sealed class RunPlanTests
{
    // Only what has no default: the models, the train and eval prompts, and one training each of SFT and DPO.
    private static RunSpec Minimal() => new()
    {
        Teacher = new ModelRef { Path = "/m/teacher" },
        Student = new ModelRef { Path = "/m/student" },
        TrainPrompts = new PromptSet { Path = "/d/train.jsonl" },
        EvalPrompts = new PromptSet { Path = "/d/eval.jsonl" },
        Training =
        {
            new TrainingSpec { Algorithm = Algorithm.Sft, Steps = 5 },
            new TrainingSpec { Algorithm = Algorithm.Dpo, Steps = 7 },
            new TrainingSpec { Algorithm = Algorithm.Sami, Steps = 9 },
        },
    };

    [Fact]
    public void Every_omitted_field_gets_its_default()
    {
        var plan = RunPlan.Resolve(Minimal());

        Assert.Equal(("/m/teacher", "cpu", (string?)null), (plan.Teacher.Path, plan.Teacher.DeviceName, plan.Teacher.DTypeName));
        Assert.Equal(("/m/student", "cpu", (string?)null), (plan.Student.Path, plan.Student.DeviceName, plan.Student.DTypeName));
        Assert.Equal(torch.ScalarType.Float32, plan.Student.TrainingDType);
        Assert.Null(plan.Student.DType);
        Assert.Equal(new PromptsPlan("/d/train.jsonl", null), plan.TrainPrompts);
        Assert.Equal(new PromptsPlan("/d/eval.jsonl", null), plan.EvalPrompts);
        Assert.Equal(new ConstitutionsPlan("default", 4, PromptFormat.Paper), plan.Constitutions);
        Assert.Equal(new GenerationPlan(Temperature: 0, TopP: 1.0, MaxNewTokens: 256, ShardSize: 64), plan.Generation);
        Assert.Same(FilterConfig.Default, plan.Filter);

        var sft = plan.TrainingOf(TrainingAlgorithm.Sft);
        Assert.Equal(new TrainingPlan(TrainingAlgorithm.Sft, LearningRate: 1e-6, OptimizerKind.AdamW, BatchQueries: 16, MicroBatch: 4, Steps: 5,
            WarmupSteps: 0, Clip: 0, Beta: null, Lora: null, Iterations: 1, StartsFromSft: false), sft);
        Assert.True(plan.TrainingOf(TrainingAlgorithm.Dpo).StartsFromSft);   // DPO starts from the run's SFT model
        Assert.False(plan.TrainingOf(TrainingAlgorithm.Sami).StartsFromSft); // SAMI from the student
        Assert.Equal([TrainingAlgorithm.Sft, TrainingAlgorithm.Dpo, TrainingAlgorithm.Sami], plan.Training.Select(t => t.Algorithm));

        var e = plan.Evaluation;
        Assert.Equal((1, 0.0, 500, "both"), (e.Samples, e.Temperature, e.MaxNewTokens, e.Protocol));
        Assert.Equal([1], e.Ks);
        Assert.Empty(e.Judges);
        Assert.Null(e.AccuracyPrompts);
    }

    [Fact]
    public void What_the_spec_says_wins_over_every_default()
    {
        var spec = Minimal();
        spec.Student.Device = "cuda:1";
        spec.Student.Dtype = "bf16";
        spec.TrainPrompts.Limit = 10;
        spec.Constitutions = new ConstitutionSpec { Principles = "/d/principles.json", PerPrompt = 2, PromptFormat = "compact" };
        spec.Generation = new GenerationSettings { Temperature = 0.7, TopP = 0.9, MaxNewTokens = 100, ShardSize = 8 };
        spec.Filter = new FilterSettings { DisabledRules = { "banned" }, MinLengthRatio = 2, MinShortLength = 5, MinPrefixDistance = 0.25 };
        spec.Training[0] = new TrainingSpec
        {
            Algorithm = Algorithm.Sft, Steps = 5, LearningRate = 1e-4, Optimizer = "rmsprop", BatchQueries = 8, MicroBatch = 2, Warmup = 3,
            Clip = 0.4, Beta = 0.2, Lora = new LoraSpec { Rank = 4 },
        };
        spec.Training[2].Iterations = 3;
        spec.Evaluation = new EvaluationSpec
        {
            Samples = 4, K = { 1, 4 }, Temperature = 1, Judges = { "rubric" }, Protocol = "random",
            AccuracyPrompts = new PromptSet { Path = "/d/gsm8k.jsonl", Limit = 3 },
        };

        var plan = RunPlan.Resolve(spec);

        Assert.Equal(("cuda:1", "bf16", torch.ScalarType.BFloat16), (plan.Student.DeviceName, plan.Student.DTypeName, plan.Student.TrainingDType));
        Assert.Equal(10, plan.TrainPrompts.Limit);
        Assert.Equal([0, 1, 2], plan.TrainPrompts.Take(Enumerable.Range(0, 20)).Take(3));
        Assert.Equal(10, plan.TrainPrompts.Take(Enumerable.Range(0, 20)).Count);
        Assert.Equal(new ConstitutionsPlan("/d/principles.json", 2, PromptFormat.Compact), plan.Constitutions);
        Assert.Equal(new GenerationPlan(0.7, 0.9, 100, 8), plan.Generation);
        Assert.DoesNotContain("banned", plan.Filter.Enabled);
        Assert.Equal((2.0, 5, 0.25), (plan.Filter.MinLengthRatio, plan.Filter.MinShortLength, plan.Filter.MinPrefixDistance));
        var sft = plan.TrainingOf(TrainingAlgorithm.Sft);
        Assert.Equal((1e-4, OptimizerKind.RmsProp, 8, 2, 3, 0.4, (double?)0.2), (sft.LearningRate, sft.Optimizer, sft.BatchQueries, sft.MicroBatch, sft.WarmupSteps, sft.Clip, sft.Beta));
        Assert.Equal((4, 8.0), (sft.Lora!.Rank, sft.Lora.Alpha));   // α defaults to 2·rank
        Assert.Equal(["q_proj", "v_proj"], sft.Lora.Targets);
        Assert.Equal(3, plan.TrainingOf(TrainingAlgorithm.Sami).Iterations);
        var e = plan.Evaluation;
        Assert.Equal((4, 1.0, 100, "random"), (e.Samples, e.Temperature, e.MaxNewTokens, e.Protocol));   // answers capped by generation's 100
        Assert.Equal([1, 4], e.Ks);
        Assert.Equal(new PromptsPlan("/d/gsm8k.jsonl", 3), e.AccuracyPrompts);
    }
}
