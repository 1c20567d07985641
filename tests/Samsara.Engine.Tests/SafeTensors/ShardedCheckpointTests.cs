using System.Text.Json;
using Samsara.Engine.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.SafeTensors;

public class ShardedCheckpointTests
{
    /// <summary>Six fp32 tensors of 400 bytes each (2400 in all), distinct values so a mix-up shows.</summary>
    private static Dictionary<string, Tensor> SixTensors() =>
        Enumerable.Range(0, 6).ToDictionary(i => $"layers.{i}.weight", i => torch.full([10, 10], i + 0.5));

    [Fact]
    public void Tensors_over_the_shard_limit_are_split_into_shards_with_an_index()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var tensors = SixTensors();

        SafeTensorsWriter.WriteCheckpoint(dir.Path, tensors, maxShardBytes: 1000, new Dictionary<string, string> { ["format"] = "pt" });

        // 400 + 400 fits in 1000, a third would not: two tensors a shard.
        string[] shards = ["model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors"];
        Assert.Equal([.. shards, "model.safetensors.index.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        using var index = JsonDocument.Parse(File.ReadAllBytes(dir.File("model.safetensors.index.json")));
        Assert.Equal(2400, index.RootElement.GetProperty("metadata").GetProperty("total_size").GetInt64());
        var weightMap = index.RootElement.GetProperty("weight_map");
        Assert.Equal(shards[0], weightMap.GetProperty("layers.1.weight").GetString());
        Assert.Equal(shards[2], weightMap.GetProperty("layers.5.weight").GetString());
        using (var shard = SafeTensorsFile.Open(dir.File(shards[1])))
        {
            Assert.Equal(["layers.2.weight", "layers.3.weight"], shard.Tensors.Keys.Order());
            Assert.Equal("pt", shard.Metadata["format"]);
        }

        using var checkpoint = SafeTensorsCheckpoint.Open(dir.Path);
        Assert.Equal(tensors.Keys.Order(), checkpoint.Names.Order());
        foreach (var (name, expected) in tensors)
        {
            Assert.True(checkpoint.Contains(name));
            Assert.Equal([10L, 10L], checkpoint.Info(name).Shape);
            TensorAssert.Identical(expected, checkpoint.ReadTensor(name, CPU));
        }
    }

    [Fact]
    public void Tensors_within_the_limit_make_a_single_file_and_no_index()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var tensors = SixTensors();

        SafeTensorsWriter.WriteCheckpoint(dir.Path, tensors, maxShardBytes: 2400);

        Assert.Equal(["model.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var checkpoint = SafeTensorsCheckpoint.Open(dir.Path);
        foreach (var (name, expected) in tensors)
            TensorAssert.Identical(expected, checkpoint.ReadTensor(name, CPU));
    }

    [Fact]
    public void A_tensor_larger_than_the_limit_gets_a_shard_of_its_own()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var tensors = new Dictionary<string, Tensor>
        {
            ["small.a"] = torch.ones([2]),
            ["big"] = torch.ones([100]),
            ["small.b"] = torch.ones([2]),
        };

        SafeTensorsWriter.WriteCheckpoint(dir.Path, tensors, maxShardBytes: 64);

        using var checkpoint = SafeTensorsCheckpoint.Open(dir.Path);
        Assert.Equal(3, Directory.GetFiles(dir.Path, "model-*-of-00003.safetensors").Length);
        TensorAssert.Identical(tensors["big"], checkpoint.ReadTensor("big", CPU));
    }

    [Fact]
    public void Rewriting_a_directory_in_the_other_layout_leaves_no_stale_files_to_shadow_it()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.WriteCheckpoint(dir.Path, SixTensors(), maxShardBytes: 1000);

        var replacement = new Dictionary<string, Tensor> { ["only"] = torch.ones([3]) };
        SafeTensorsWriter.WriteCheckpoint(dir.Path, replacement);

        Assert.Equal(["model.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using (var single = SafeTensorsCheckpoint.Open(dir.Path))
            Assert.Equal(["only"], single.Names);

        SafeTensorsWriter.WriteCheckpoint(dir.Path, SixTensors(), maxShardBytes: 1200);

        Assert.DoesNotContain("model.safetensors", Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        using var sharded = SafeTensorsCheckpoint.Open(dir.Path);
        Assert.Equal(6, sharded.Names.Count);
    }

    [Fact]
    public void A_missing_tensor_names_the_directory_and_the_tensor()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.WriteCheckpoint(dir.Path, SixTensors(), maxShardBytes: 1000);

        using var checkpoint = SafeTensorsCheckpoint.Open(dir.Path);
        Assert.False(checkpoint.Contains("lm_head.weight"));
        var error = Assert.Throws<SafeTensorsException>(() => checkpoint.Info("lm_head.weight"));
        Assert.Contains(dir.Path, error.Message);
        Assert.Contains("'lm_head.weight'", error.Message);
    }

    [Fact]
    public void The_same_name_twice_is_refused_before_anything_is_written()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        KeyValuePair<string, Tensor>[] twice = [new("w", torch.ones([300])), new("w", torch.ones([300]))];

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsWriter.WriteCheckpoint(dir.Path, twice, maxShardBytes: 1000));

        Assert.Contains("'w'", error.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
