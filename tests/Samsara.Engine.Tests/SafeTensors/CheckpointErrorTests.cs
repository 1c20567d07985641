using Samsara.Engine.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.SafeTensors;

/// <summary>A broken checkpoint directory or index is refused at Open, naming the index (or directory) and the shard.</summary>
public class CheckpointErrorTests
{
    [Theory]
    [InlineData("""{"weight_map": {"w": "model-00001-of-00001.safetensors",""", "index is not valid JSON")]
    [InlineData("""["model-00001-of-00001.safetensors"]""", "index is not a JSON object")]
    [InlineData("""{"metadata": {"total_size": 8}}""", "'weight_map' is missing")]
    [InlineData("""{"weight_map": ["w"]}""", "'weight_map' is missing or not an object")]
    [InlineData("""{"weight_map": {"w": 1}}""", "tensor 'w': 'weight_map' value is not a file name string")]
    [InlineData("""{"weight_map": {"w": "../elsewhere.safetensors"}}""", "tensor 'w': shard '../elsewhere.safetensors' is not a plain file name")]
    [InlineData("""{"weight_map": {"w": "model-00002-of-00002.safetensors"}}""", "shard 'model-00002-of-00002.safetensors' does not exist")]
    [InlineData("""{"weight_map": {"absent": "model-00001-of-00001.safetensors"}}""", "tensor 'absent': listed in shard 'model-00001-of-00001.safetensors', which does not hold it")]
    public void A_bad_index_is_refused_naming_the_index(string index, string problem)
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        SafeTensorsWriter.Write(dir.File("model-00001-of-00001.safetensors"), [new("w", torch.ones([2]))]);
        var indexPath = dir.File("model.safetensors.index.json");
        File.WriteAllText(indexPath, index);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsCheckpoint.Open(dir.Path));

        Assert.StartsWith(indexPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_that_is_not_utf8_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        var indexPath = dir.File("model.safetensors.index.json");
        File.WriteAllBytes(indexPath, [.. "{\"weight_map\": {\"caf"u8, 0xE9, .. "\": \"model.safetensors\"}}"u8]);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsCheckpoint.Open(dir.Path));

        Assert.StartsWith(indexPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void A_broken_shard_is_reported_with_its_own_file_name()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("model.safetensors.index.json"), """{"weight_map": {"w": "model-00001-of-00001.safetensors"}}""");
        File.WriteAllBytes(dir.File("model-00001-of-00001.safetensors"), [1, 2, 3]);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsCheckpoint.Open(dir.Path));

        Assert.Contains(dir.File("model-00001-of-00001.safetensors"), error.Message);
    }

    [Fact]
    public void A_directory_without_weights_is_refused_naming_it()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsCheckpoint.Open(dir.Path));

        Assert.Contains(dir.Path, error.Message);
        Assert.Contains("neither model.safetensors nor model.safetensors.index.json", error.Message);
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("no-such-model");

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsCheckpoint.Open(missing));

        Assert.Contains(missing, error.Message);
    }
}
