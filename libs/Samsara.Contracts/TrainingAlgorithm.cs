using System.Text.Json.Serialization;

namespace Samsara.Contracts;

/// <summary>
/// The one training algorithm type, from the run plan and the messages to the recipes (docs/architecture.md §5). The
/// API's <c>samsara.v1.Algorithm</c> maps to it at the gRPC boundary; <see cref="TrainingAlgorithms"/> names it on disk.
/// </summary>
/// <remarks>
/// Written as its name on the wire (<c>"SftSami"</c>); reading ignores case, so the lower-case names messages carried
/// before (<c>"sftsami"</c>) still read.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingAlgorithm>))]
public enum TrainingAlgorithm
{
    /// <summary>Supervised fine-tuning on the kept responses.</summary>
    Sft,

    /// <summary>Direct preference optimisation on contrastive pairs; starts from the run's SFT model when it trains one.</summary>
    Dpo,

    /// <summary>SAMI (maximising constitution–response mutual information) from the student.</summary>
    Sami,

    /// <summary>The SAMI recipe from the run's SFT model (the papers' SFT+SAMI).</summary>
    SftSami,
}
