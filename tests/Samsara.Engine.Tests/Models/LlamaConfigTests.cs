using System.Text.Json.Nodes;
using Samsara.Engine.Models;

namespace Samsara.Engine.Tests.Models;

public class LlamaConfigTests
{
    // The fields of a Llama 3.1 8B config.json, as published.
    private const string Llama31 = """
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 128256, "hidden_size": 4096,
         "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
         "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "max_position_embeddings": 131072, "hidden_act": "silu",
         "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                          "original_max_position_embeddings": 8192, "rope_type": "llama3"},
         "tie_word_embeddings": false, "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009],
         "torch_dtype": "bfloat16", "attention_bias": false, "mlp_bias": false}
        """;

    [Fact]
    public void Reads_a_llama_3_1_config()
    {
        var c = LlamaConfig.Parse(JsonNode.Parse(Llama31)!.AsObject(), "config.json");
        Assert.Equal(128256, c.VocabSize);
        Assert.Equal(8, c.NumKeyValueHeads);
        Assert.Equal(128, c.HeadDim);
        Assert.Equal(new RopeScaling("llama3", 8, 1, 4, 8192), c.RopeScaling);
        Assert.Equal([128001, 128008, 128009], c.EosTokenIds);
        Assert.Equal("bfloat16", c.TorchDType);
    }

    [Fact]
    public void Writes_back_what_it_read()
    {
        var c = LlamaConfig.Parse(JsonNode.Parse(Llama31)!.AsObject(), "config.json");
        var again = LlamaConfig.Parse(c.ToJson(), "round trip");
        Assert.Equal(c.ToJson().ToJsonString(), again.ToJson().ToJsonString());
        Assert.Equal(c.RopeScaling, again.RopeScaling);
    }

    [Fact]
    public void Mistral_sliding_window_bounds_the_context()
    {
        var json = JsonNode.Parse(Llama31)!.AsObject();
        json["model_type"] = "mistral";
        json["architectures"] = new JsonArray("MistralForCausalLM");
        json["sliding_window"] = 4096;
        json["rope_scaling"] = null;
        Assert.Equal(4096, LlamaConfig.Parse(json, "config.json").ContextLength);
    }

    [Fact]
    public void An_unknown_rope_scaling_is_named()
    {
        var json = JsonNode.Parse(Llama31)!.AsObject();
        json["rope_scaling"]!["rope_type"] = "yarn";
        var error = Assert.Throws<ModelFormatException>(() => LlamaConfig.Parse(json, "config.json"));
        Assert.Contains("rope_scaling.rope_type 'yarn' is not supported", error.Message);
    }
}
