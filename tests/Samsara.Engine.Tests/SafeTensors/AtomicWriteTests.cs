using Samsara.Engine.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.SafeTensors;

/// <summary>A write that fails part-way leaves no partial file: neither at the target nor as a stray temporary.</summary>
public class AtomicWriteTests
{
    private static IEnumerable<KeyValuePair<string, Tensor>> FailingAfterOne()
    {
        yield return new("first", torch.ones([1000]));
        throw new InvalidOperationException("the model failed to produce its second tensor");
    }

    [Fact]
    public void A_failing_write_leaves_neither_the_target_nor_a_temporary()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");

        Assert.Throws<InvalidOperationException>(() => SafeTensorsWriter.Write(path, FailingAfterOne()));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_failing_write_keeps_the_previous_file_intact()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Write(path, [new("kept", torch.full([3], 2))]);
        var before = File.ReadAllBytes(path);

        Assert.Throws<InvalidOperationException>(() => SafeTensorsWriter.Write(path, FailingAfterOne()));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_failing_checkpoint_write_leaves_the_directory_as_it_was()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();

        Assert.Throws<InvalidOperationException>(() => SafeTensorsWriter.WriteCheckpoint(dir.Path, FailingAfterOne(), maxShardBytes: 100));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_tensor_that_cannot_be_read_leaves_no_temporary()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        var disposed = torch.ones([4]);
        disposed.Dispose();

        Assert.ThrowsAny<InvalidOperationException>(() => SafeTensorsWriter.Write(path, [new("good", torch.ones([4])), new("gone", disposed)]));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
