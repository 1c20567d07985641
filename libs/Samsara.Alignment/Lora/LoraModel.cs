using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Training;
using Samsara.Engine;
using Samsara.Engine.Models;
using Samsara.Engine.Runtime;
using Samsara.Engine.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Alignment.Lora;

/// <summary>
/// LoRA adapters attached to a model's linear layers (by short name: q_proj, v_proj, …), saved in PEFT's layout
/// (adapter_model.safetensors with "base_model.model.{module}.lora_A.weight" keys, adapter_config.json) so
/// `PeftModel.from_pretrained` reads them, and mergeable into the base weights.
/// </summary>
public sealed class LoraModel : IDisposable
{
    private readonly LanguageModel model;
    private readonly Dictionary<string, LoraAdapter> adapters = [];

    public LoraModel(LanguageModel model, LoraOptions options, ulong seed)
    {
        this.model = model;
        Options = options;
        var modules = model.Model.LinearModules;
        var known = modules.Select(ShortName).Distinct().Order().ToArray();
        foreach (var target in options.Targets)
            if (!known.Contains(target))
                throw new ArgumentException($"LoRA target '{target}' matches no linear layer of the model (it has {string.Join(", ", known)})");
        using var random = new torch.Generator(seed, model.Model.Device);   // the adapters' initial A, reproducible per seed
        foreach (var module in modules.Where(m => options.Targets.Contains(ShortName(m))).Order(StringComparer.Ordinal))
        {
            var weight = model.Model.Parameters[$"{module}.weight"];
            var adapter = LoraAdapter.Create(weight.size(1), weight.size(0), options.Rank, options.Alpha, weight.dtype, weight.device, random);
            adapters[module] = adapter;
            model.Model.SetAdapter(module, adapter);
        }
    }

    public LoraOptions Options { get; }

    /// <summary>The trainable tensors, by their PEFT names.</summary>
    public IReadOnlyDictionary<string, Parameter> Parameters => adapters
        .SelectMany(a => new[] { KeyValuePair.Create(PeftName(a.Key, "A"), a.Value.A), KeyValuePair.Create(PeftName(a.Key, "B"), a.Value.B) })
        .ToDictionary();

    /// <summary>Writes adapter_model.safetensors and adapter_config.json.</summary>
    public void SaveAdapter(string directory, string baseModel)
    {
        Directory.CreateDirectory(directory);
        SafeTensorsWriter.Write(Path.Combine(directory, "adapter_model.safetensors"), Parameters,
            new Dictionary<string, string> { ["format"] = "pt" });
        var config = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["base_model_name_or_path"] = baseModel,
            ["r"] = Options.Rank,
            ["lora_alpha"] = Options.Alpha,
            ["lora_dropout"] = 0.0,
            ["target_modules"] = new JsonArray(Options.Targets.Select(t => (JsonNode?)t).ToArray()),
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, "adapter_config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Adds each adapter's (α / r)·B·A into its base weight and detaches the adapters: a plain model again.</summary>
    public void MergeIntoBase()
    {
        using var noGrad = torch.no_grad();
        foreach (var (module, adapter) in adapters)
        {
            using var scope = torch.NewDisposeScope();
            model.Model.Parameters[$"{module}.weight"].PlusInPlace(adapter.Delta().to(model.Model.DType));
            model.Model.SetAdapter(module, null);
        }
    }

    public void Dispose()
    {
        foreach (var (module, adapter) in adapters)
        {
            model.Model.SetAdapter(module, null);
            adapter.Dispose();
        }
        adapters.Clear();
    }

    private static string ShortName(string module) => module[(module.LastIndexOf('.') + 1)..];

    private static string PeftName(string module, string matrix) => $"base_model.model.{module}.lora_{matrix}.weight";
}
