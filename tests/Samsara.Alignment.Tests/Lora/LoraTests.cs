using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Tests.Training;
using Samsara.Alignment.Training;
using Samsara.Engine.Data;
using Samsara.Engine.SafeTensors;
using Samsara.Contracts;

namespace Samsara.Alignment.Tests.Lora;

public sealed class LoraTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string model;

    public LoraTests()
    {
        model = TinyModels.Create(dir.File("base"), TinyModels.Config(layers: 2, context: 160), seed: 4);
        Jsonl.Write(dir.File("sft.jsonl"), SyntheticPrinciples.SftLines(SyntheticPrinciples.Train));
    }

    public void Dispose() => dir.Dispose();

    private TrainingOptions Options(string output, LoraOptions lora) => new()
    {
        Algorithm = TrainingAlgorithm.Sft, ModelDirectory = model, DataPath = dir.File("sft.jsonl"), OutputDirectory = dir.File(output),
        LearningRate = 5e-3, BatchQueries = 8, MicroBatch = 8, Steps = 3, Lora = lora,
    };

    [Fact]
    public void Writes_a_peft_adapter_and_merged_weights_that_pytorch_reproduces()
    {
        var options = Options("lora", new LoraOptions(4, 16, ["q_proj", "up_proj"]));
        new SftRecipe(options, DatasetReader.ReadSft(options.DataPath)).Train();

        var config = JsonNode.Parse(File.ReadAllText(dir.File("lora/adapter_config.json")))!;
        Assert.Equal("LORA", config["peft_type"]!.GetValue<string>());
        Assert.Equal(4, config["r"]!.GetValue<int>());
        Assert.Equal(16, config["lora_alpha"]!.GetValue<double>());
        using (var adapter = SafeTensorsFile.Open(dir.File("lora/adapter_model.safetensors")))
        {
            Assert.Equal(2 * 2 * 2, adapter.Tensors.Count);   // 2 layers × 2 targets × (A, B)
            Assert.Equal([4L, 64], adapter.Tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
            Assert.Equal([96L, 4], adapter.Tensors["base_model.model.model.layers.1.mlp.up_proj.lora_B.weight"].Shape);
        }

        // PyTorch merges the adapter into the base weights by PEFT's rule and must get exactly Samsara's merged weights.
        var script = $$"""
            import sys, json, torch
            sys.path.insert(0, {{Quote(Path.Combine(RepoPaths.Root, "tests", "python"))}})
            import reference_llama as R
            base = R.read_safetensors({{Quote(Path.Combine(model, "model.safetensors"))}})
            adapter = R.read_safetensors({{Quote(dir.File("lora/adapter_model.safetensors"))}})
            merged = R.read_safetensors({{Quote(dir.File("lora/model.safetensors"))}})
            cfg = json.load(open({{Quote(dir.File("lora/adapter_config.json"))}}))
            scale = cfg["lora_alpha"] / cfg["r"]
            worst, changed = 0.0, 0
            for name, w in base.items():
                module = name[: -len(".weight")]
                a = adapter.get(f"base_model.model.{module}.lora_A.weight")
                expected = w if a is None else w + scale * adapter[f"base_model.model.{module}.lora_B.weight"] @ a
                changed += a is not None and not torch.equal(w, merged[name])
                worst = max(worst, float((expected - merged[name]).abs().max()))
            print(json.dumps({"worst": worst, "changed": changed}))
            """;
        var result = JsonNode.Parse(PythonRunner.Run(script))!;
        Assert.True(result["worst"]!.GetValue<double>() < 1e-6, $"merged weights differ from W + (α/r)·B·A by {result["worst"]}");
        Assert.Equal(4, result["changed"]!.GetValue<int>());   // every adapted layer moved, and only those
    }

    [Fact]
    public void A_target_the_model_does_not_have_is_refused_before_training()
    {
        var options = Options("bad-target", new LoraOptions(4, 8, ["q_proj", "qkv_proj"]));
        var error = Assert.Throws<ArgumentException>(() => new SftRecipe(options, DatasetReader.ReadSft(options.DataPath)).Train());
        Assert.Contains("LoRA target 'qkv_proj' matches no linear layer", error.Message);
        Assert.Contains("q_proj", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(options.OutputDirectory));
    }

    private static string Quote(string s) => JsonSerializer.Serialize(s);
}
