using System.Text.Json.Nodes;
using Samsara.Engine.SafeTensors;
using Samsara.Engine.Tokenization;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.Models;

/// <summary>Every way a model directory can be wrong gives one clear error naming the file and the field or tensor.</summary>
public sealed class LoadErrorTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string model;

    public LoadErrorTests() => model = TinyModels.Create(dir.File("model"), TinyModels.Config());

    public void Dispose() => dir.Dispose();

    private void EditConfig(Action<JsonObject> edit)
    {
        var path = Path.Combine(model, "config.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private T LoadFails<T>() where T : Exception
    {
        var baseline = TorchRuntime.LiveTensorCount;
        var error = Assert.Throws<T>(() => LanguageModel.Load(model, CPU));
        Assert.Equal(baseline, TorchRuntime.LiveTensorCount);   // nothing half-loaded is left behind
        return error;
    }

    [Fact]
    public void A_tensor_whose_shape_disagrees_with_config_is_named()
    {
        EditConfig(c => c["intermediate_size"] = 100);
        var error = LoadFails<ModelFormatException>();
        Assert.Contains(model, error.Message);
        Assert.Contains("'model.layers.0.mlp.gate_proj.weight' has shape [96, 64]", error.Message);
        Assert.Contains("[100, 64]", error.Message);
    }

    [Fact]
    public void A_tensor_whose_dtype_disagrees_with_config_is_named()
    {
        EditConfig(c => c["torch_dtype"] = "bfloat16");
        var error = LoadFails<ModelFormatException>();
        Assert.Contains("'model.embed_tokens.weight' is Float32", error.Message);
        Assert.Contains("torch_dtype is bfloat16", error.Message);
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        // Written tied (no lm_head.weight), read as untied.
        var tied = TinyModels.Create(dir.File("tied"), TinyModels.Config(tied: true));
        File.Copy(Path.Combine(tied, "model.safetensors"), Path.Combine(model, "model.safetensors"), overwrite: true);
        var error = LoadFails<ModelFormatException>();
        Assert.Contains("'lm_head.weight' is missing", error.Message);
    }

    [Fact]
    public void An_unsupported_architecture_is_named()
    {
        EditConfig(c =>
        {
            c["model_type"] = "gpt2";
            c["architectures"] = new JsonArray("GPT2LMHeadModel");
        });
        var error = LoadFails<ModelFormatException>();
        Assert.Contains("config.json", error.Message);
        Assert.Contains("GPT2LMHeadModel", error.Message);
    }

    [Fact]
    public void A_config_field_of_the_wrong_type_is_named()
    {
        EditConfig(c => c["hidden_size"] = "wide");
        var error = LoadFails<ModelFormatException>();
        Assert.Contains("config.json: hidden_size must be an integer", error.Message);
    }

    [Fact]
    public void Inconsistent_heads_are_named()
    {
        EditConfig(c => c["num_key_value_heads"] = 3);
        Assert.Contains("num_key_value_heads (3) must divide num_attention_heads (4)", LoadFails<ModelFormatException>().Message);
    }

    [Fact]
    public void An_unsupported_tokenizer_type_is_named()
    {
        var path = Path.Combine(model, "tokenizer.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json["model"]!["type"] = "Unigram";
        File.WriteAllText(path, json.ToJsonString());
        var error = LoadFails<TokenizerException>();
        Assert.Contains("tokenizer.json", error.Message);
        Assert.Contains("Unigram", error.Message);
    }

    [Fact]
    public void A_truncated_weights_file_is_named()
    {
        var path = Path.Combine(model, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = LoadFails<SafeTensorsException>();
        Assert.Contains("model.safetensors", error.Message);
    }

    [Fact]
    public void A_corrupt_header_is_named()
    {
        var path = Path.Combine(model, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        bytes[8] = (byte)'!';   // the header's opening brace
        File.WriteAllBytes(path, bytes);
        Assert.Contains("model.safetensors", LoadFails<SafeTensorsException>().Message);
    }

    [Fact]
    public void A_missing_directory_is_named()
    {
        var missing = dir.File("nowhere");
        var error = Assert.Throws<ModelFormatException>(() => LanguageModel.Load(missing, CPU));
        Assert.Contains(missing, error.Message);
    }
}
