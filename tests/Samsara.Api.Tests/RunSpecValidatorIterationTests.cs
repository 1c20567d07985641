using Samsara.Api.V1;

namespace Samsara.Api.Tests;

/// <summary><c>training[i].iterations</c>: iterated SAMI (SAMI or SFT_SAMI, 1 to 10 iterations); nothing else iterates.</summary>
public class RunSpecValidatorIterationTests
{
    private static readonly RunSpecValidator Validator = new(path => path.StartsWith("models/", StringComparison.Ordinal), path => path.EndsWith(".jsonl", StringComparison.Ordinal));

    private static RunSpec With(params TrainingSpec[] training) => new()
    {
        Teacher = new ModelRef { Path = "models/teacher" },
        Student = new ModelRef { Path = "models/student" },
        TrainPrompts = new PromptSet { Path = "data/train.jsonl" },
        Training = { training },
    };

    private static TrainingSpec Training(Algorithm algorithm, uint iterations) => new() { Algorithm = algorithm, Steps = 2, Iterations = iterations };

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(10u)]
    public void Sami_and_sft_sami_may_iterate_up_to_ten_times(uint iterations)
    {
        Assert.Empty(Validator.Validate(With(Training(Algorithm.Sft, 0), Training(Algorithm.Sami, iterations), Training(Algorithm.SftSami, iterations))));
    }

    [Fact]
    public void More_than_ten_iterations_are_refused_by_field()
    {
        var violation = Assert.Single(Validator.Validate(With(Training(Algorithm.Sami, 11))));
        Assert.Equal("spec.training[0].iterations", violation.Field);
        Assert.Contains("at most 10, not 11", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Sft_and_dpo_do_not_iterate()
    {
        var violations = Validator.Validate(With(Training(Algorithm.Sft, 2), Training(Algorithm.Dpo, 3)));

        Assert.Equal(["spec.training[0].iterations", "spec.training[1].iterations"], violations.Select(v => v.Field).ToArray());
        Assert.All(violations, v => Assert.Contains("only SAMI and SFT_SAMI iterate", v.Description, StringComparison.Ordinal));
        Assert.Contains("DPO takes 0 or 1, not 3", violations[1].Description, StringComparison.Ordinal);
    }
}
