using System.Text.Json.Serialization;

namespace Samsara.Contracts;

/// <summary>The stages of a run, in pipeline order (docs/architecture.md §3).</summary>
/// <remarks>Written as its name on the wire, so error queues and logs stay readable and reordering is safe.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<PipelineStage>))]
public enum PipelineStage
{
    /// <summary>The gateway accepted the run and published <see cref="RunRequested"/>.</summary>
    Request,

    /// <summary>The stronger model writes responses under sampled constitutions.</summary>
    Generation,

    /// <summary>Contrastive pairs are kept, rejections counted by reason.</summary>
    Filtering,

    /// <summary>The weaker model is fine-tuned with SFT, DPO or SAMI.</summary>
    Training,

    /// <summary>The judge compares responses pairwise and checks exact answers.</summary>
    Judging,

    /// <summary>Judgements are aggregated into the report.</summary>
    Evaluation,
}
