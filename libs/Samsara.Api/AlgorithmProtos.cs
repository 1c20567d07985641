using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Api;

/// <summary>
/// The one mapping between the API's <c>samsara.v1.Algorithm</c> and <see cref="TrainingAlgorithm"/>, the type every
/// other layer uses: specs and training steps cross the gRPC boundary here (docs/architecture.md §5).
/// </summary>
public static class AlgorithmProtos
{
    // One table, read both ways, so the two directions cannot drift apart.
    private static readonly (Algorithm Proto, TrainingAlgorithm Training)[] Pairs =
    [
        (Algorithm.Sft, TrainingAlgorithm.Sft),
        (Algorithm.Dpo, TrainingAlgorithm.Dpo),
        (Algorithm.Sami, TrainingAlgorithm.Sami),
        (Algorithm.SftSami, TrainingAlgorithm.SftSami),
    ];

    /// <summary>The algorithm a spec names; <c>ALGORITHM_UNSPECIFIED</c> is refused (the validator names the field first).</summary>
    public static TrainingAlgorithm ToTraining(this Algorithm algorithm)
    {
        foreach (var pair in Pairs)
            if (pair.Proto == algorithm) return pair.Training;
        throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "a training's algorithm must be SFT, DPO, SAMI or SFT_SAMI");
    }

    /// <summary>The API's name of <paramref name="algorithm"/>, for replies and run history.</summary>
    public static Algorithm ToProto(this TrainingAlgorithm algorithm)
    {
        foreach (var pair in Pairs)
            if (pair.Training == algorithm) return pair.Proto;
        throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not a training algorithm");
    }
}
