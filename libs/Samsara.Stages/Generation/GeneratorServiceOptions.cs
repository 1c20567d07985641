using System.ComponentModel.DataAnnotations;

namespace Samsara.Stages.Generation;

/// <summary>
/// The <c>Generator</c> section: how many shards one process generates at once, and the model GeneratorService answers
/// with. A local model (<c>Generator:Model:Path</c>, relative paths in the artifact store) or a served one
/// (<c>Generator:Endpoint:BaseUrl</c> and <c>…:Model</c>); with neither, the host still runs its pipeline consumers and
/// Generate answers FAILED_PRECONDITION.
/// </summary>
public sealed class GeneratorServiceOptions
{
    public const string SectionName = "Generator";

    /// <summary>
    /// How many shards one process has in flight at once (background jobs; later ones wait, accepted, in line). By
    /// default one per core: enough to keep an endpoint teacher's requests flowing for several shards. Shards of a
    /// local model are further limited by <see cref="LocalModelJobs"/>.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How many of those shards generate with a local model (the teacher, or a SAMI iteration's model) at once. One by
    /// default: one copy of the model in memory and one owner of the GPU (<see cref="LocalModelSlots"/>); tiny models
    /// on a CPU finish generation sooner with 2.
    /// </summary>
    [Range(1, 64)]
    public int LocalModelJobs { get; set; } = 1;

    public LocalModelOptions Model { get; set; } = new();

    public EndpointModelOptions Endpoint { get; set; } = new();
}

public sealed class LocalModelOptions
{
    public string Path { get; set; } = "";

    /// <summary>cpu | cuda | cuda:N (default cpu).</summary>
    public string Device { get; set; } = "";

    /// <summary>float32 | bfloat16 | float16 (default: the device's).</summary>
    public string Dtype { get; set; } = "";
}

public sealed class EndpointModelOptions
{
    /// <summary>The API root, e.g. http://vllm:8000/v1.</summary>
    public string BaseUrl { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>completions (default) | chat.</summary>
    public string Api { get; set; } = "";

    /// <summary>Requests in flight (0: 8).</summary>
    public int Concurrency { get; set; }

    /// <summary>The environment variable holding the key (default SAMSARA_OPENAI_API_KEY).</summary>
    public string ApiKeyEnv { get; set; } = "";
}
