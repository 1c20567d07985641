using System.Text.Json;
using Samsara.Engine.Models;
using Samsara.Engine.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine;

/// <summary>Model weights and config in Hugging Face layout: what transformers' from_pretrained reads.</summary>
public static class Checkpoint
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes model.safetensors (sharded past 5 GB) and config.json, each atomically.</summary>
    public static void Save(LlamaModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        var dtype = model.DType switch { ScalarType.BFloat16 => "bfloat16", ScalarType.Float16 => "float16", _ => "float32" };
        SafeTensorsWriter.WriteCheckpoint(directory, model.Parameters, metadata: new Dictionary<string, string> { ["format"] = "pt" });
        var config = model.Config with { TorchDType = dtype };
        AtomicFile.WriteAllText(Path.Combine(directory, "config.json"), config.ToJson().ToJsonString(Indented));
    }

    /// <summary>
    /// A freshly initialised model as transformers initialises Llama: linear and embedding weights drawn from
    /// N(0, initializer_range²), biases zero, norm weights one. Seeded, so the same seed gives the same weights.
    /// </summary>
    public static LlamaModel CreateRandom(LlamaConfig config, ulong seed, Device device)
    {
        using var random = new torch.Generator(seed, device);   // not the process-wide one: other threads draw from it
        var parameters = new Dictionary<string, Tensor>();
        foreach (var (name, shape) in LlamaModel.ParameterShapes(config))
        {
            parameters[name] = name.EndsWith("norm.weight", StringComparison.Ordinal) ? torch.ones(shape, device: device)
                : name.EndsWith(".bias", StringComparison.Ordinal) ? torch.zeros(shape, device: device)
                : WithStd(torch.randn(shape, device: device, generator: random), config.InitializerRange);
        }
        return new LlamaModel(config, parameters);
    }

    private static Tensor WithStd(Tensor standardNormal, double std)
    {
        var scaled = standardNormal * std;
        standardNormal.Dispose();
        return scaled;
    }
}
