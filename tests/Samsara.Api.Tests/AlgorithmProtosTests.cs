using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Api.Tests;

/// <summary>The gRPC boundary's one mapping between the API's algorithm and the one every other layer uses.</summary>
public class AlgorithmProtosTests
{
    public static TheoryData<TrainingAlgorithm> Algorithms() => new(Enum.GetValues<TrainingAlgorithm>());

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Every_algorithm_crosses_the_boundary_and_back(TrainingAlgorithm algorithm)
    {
        Assert.Equal(algorithm, algorithm.ToProto().ToTraining());
    }

    [Fact]
    public void Each_api_algorithm_is_the_one_of_its_name()
    {
        Assert.Equal([TrainingAlgorithm.Sft, TrainingAlgorithm.Dpo, TrainingAlgorithm.Sami, TrainingAlgorithm.SftSami],
            new[] { Algorithm.Sft, Algorithm.Dpo, Algorithm.Sami, Algorithm.SftSami }.Select(a => a.ToTraining()));
    }

    [Fact]
    public void An_unspecified_algorithm_is_refused_with_the_choices()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Algorithm.Unspecified.ToTraining());
        Assert.Contains("SFT, DPO, SAMI or SFT_SAMI", error.Message, StringComparison.Ordinal);
    }
}
