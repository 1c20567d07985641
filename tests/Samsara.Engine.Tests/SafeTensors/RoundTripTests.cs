using System.Buffers.Binary;
using Samsara.Engine.SafeTensors;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.SafeTensors;

public class RoundTripTests
{
    [Fact]
    public void Every_dtype_round_trips_bit_exactly_with_shape_and_metadata()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        torch.manual_seed((long)7);
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = torch.randn([3, 4]),
            ["f16"] = torch.randn([2, 3, 5]).to(ScalarType.Float16),
            ["bf16"] = torch.randn([17]).to(ScalarType.BFloat16),
            ["f64"] = torch.randn([2, 2], ScalarType.Float64),
            ["i64"] = HostTensors.FromArray([long.MinValue, -1L, 0L, long.MaxValue], 2, 2),
            ["i32"] = HostTensors.FromArray([int.MinValue, 5, int.MaxValue], 3),
            ["u8"] = HostTensors.FromArray(new byte[] { 0, 1, 255 }, 3),
            ["bool"] = HostTensors.FromArray([true, false, true, true], 4),
            ["scalar"] = torch.tensor(3.25f),
            ["empty"] = torch.zeros([0, 3], ScalarType.BFloat16),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };
        var path = dir.File("all.safetensors");

        SafeTensorsWriter.Write(path, tensors, metadata);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(tensors.Keys.Order(), file.Tensors.Keys.Order());
        foreach (var (name, expected) in tensors)
        {
            TensorAssert.Identical(expected, file.ReadTensor(name, CPU));
            Assert.Equal(TensorAssert.Bytes(expected), file.GetBytes(name).ToArray());
        }
        Assert.Empty(file.Tensors["scalar"].Shape);
        Assert.Equal(3.25f, file.ReadTensor("scalar", CPU).ToSingle());
        Assert.Equal([0L, 3L], file.Tensors["empty"].Shape);
        Assert.Equal(0, file.Tensors["empty"].Length);
    }

    [Fact]
    public void Layout_is_an_aligned_header_then_the_tensors_back_to_back_in_the_given_order()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("layout.safetensors");
        // An odd-sized fp16 tensor first: the following ones must still start right where it ends.
        SafeTensorsWriter.Write(path,
        [
            new("c", torch.ones([3], ScalarType.Float16)),
            new("a", torch.ones([2], ScalarType.Float32)),
            new("b", torch.ones([1], ScalarType.Int64)),
        ]);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 6 + 8 + 8, bytes.Length);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal((0L, 6L), (file.Tensors["c"].Offset, file.Tensors["c"].Length));
        Assert.Equal((6L, 8L), (file.Tensors["a"].Offset, file.Tensors["a"].Length));
        Assert.Equal((14L, 8L), (file.Tensors["b"].Offset, file.Tensors["b"].Length));
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void A_non_contiguous_tensor_is_written_in_its_logical_row_major_order()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("transposed.safetensors");
        var transposed = torch.arange(0, 6, dtype: ScalarType.Float32).reshape(2, 3).transpose(0, 1);

        SafeTensorsWriter.Write(path, [new("t", transposed)]);

        using var file = SafeTensorsFile.Open(path);
        var read = file.ReadTensor("t", CPU);
        Assert.Equal([3L, 2L], read.shape);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], read.ToArray<float>());
    }

    [Fact]
    public void Writing_over_an_existing_file_replaces_it()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Write(path, [new("old", torch.ones([4]))]);

        SafeTensorsWriter.Write(path, [new("new", torch.zeros([2]))]);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(["new"], file.Tensors.Keys);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Replacing_a_file_that_is_open_leaves_the_open_file_reading_the_old_bytes()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Write(path, [new("w", torch.full([256], 1f))]);
        using var reader = SafeTensorsFile.Open(path);

        // The writer renames a new file into place; rewriting in place would pull the mapping out from under the reader.
        SafeTensorsWriter.Write(path, [new("w", torch.full([256], 2f))]);

        Assert.All(reader.ReadTensor("w", CPU).ToArray<float>(), v => Assert.Equal(1f, v));
        using var fresh = SafeTensorsFile.Open(path);
        Assert.All(fresh.ReadTensor("w", CPU).ToArray<float>(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void Asking_for_a_tensor_the_file_lacks_names_file_and_tensor()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("one.safetensors");
        SafeTensorsWriter.Write(path, [new("present", torch.ones([1]))]);

        using var file = SafeTensorsFile.Open(path);
        var error = Assert.Throws<SafeTensorsException>(() => file.ReadTensor("absent", CPU));
        Assert.Contains("one.safetensors", error.Message);
        Assert.Contains("'absent'", error.Message);
    }

    [Fact]
    public void A_disposed_file_refuses_reads_instead_of_touching_the_unmapped_memory()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("one.safetensors");
        SafeTensorsWriter.Write(path, [new("x", torch.ones([1]))]);

        var file = SafeTensorsFile.Open(path);
        file.Dispose();

        Assert.Throws<ObjectDisposedException>(() => file.ReadTensor("x", CPU));
    }
}
