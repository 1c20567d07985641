using System.Buffers.Binary;
using Samsara.Engine.SafeTensors;
using Samsara.Torch;

namespace Samsara.Engine.Tests.SafeTensors;

public class RoundTripTests
{
    [Fact]
    public void Every_dtype_round_trips_bit_exactly_with_shape_and_metadata()
    {
        using var scope = Torch.Torch.NewDisposeScope();
        using var dir = new TempDirectory();
        Torch.Torch.ManualSeed(7);
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Torch.Torch.Randn([3, 4]),
            ["f16"] = Torch.Torch.Randn([2, 3, 5]).To(DType.Float16),
            ["bf16"] = Torch.Torch.Randn([17]).To(DType.BFloat16),
            ["f64"] = Torch.Torch.Randn([2, 2], DType.Float64),
            ["i64"] = Torch.Torch.FromArray([long.MinValue, -1L, 0L, long.MaxValue], 2, 2),
            ["i32"] = Torch.Torch.FromArray([int.MinValue, 5, int.MaxValue], 3),
            ["u8"] = Torch.Torch.FromArray(new byte[] { 0, 1, 255 }, 3),
            ["bool"] = Torch.Torch.FromArray([true, false, true, true], 4),
            ["scalar"] = Torch.Torch.Scalar(3.25f),
            ["empty"] = Torch.Torch.Zeros([0, 3], DType.BFloat16),
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };
        var path = dir.File("all.safetensors");

        SafeTensorsWriter.Write(path, tensors, metadata);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(tensors.Keys.Order(), file.Tensors.Keys.Order());
        foreach (var (name, expected) in tensors)
        {
            TensorAssert.Identical(expected, file.ReadTensor(name, Device.Cpu));
            Assert.Equal(TensorAssert.Bytes(expected), file.GetBytes(name).ToArray());
        }
        Assert.Empty(file.Tensors["scalar"].Shape);
        Assert.Equal(3.25f, file.ReadTensor("scalar", Device.Cpu).ItemFloat());
        Assert.Equal([0L, 3L], file.Tensors["empty"].Shape);
        Assert.Equal(0, file.Tensors["empty"].Length);
    }

    [Fact]
    public void Layout_is_an_aligned_header_then_the_tensors_back_to_back_in_the_given_order()
    {
        using var scope = Torch.Torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("layout.safetensors");
        // An odd-sized fp16 tensor first: the following ones must still start right where it ends.
        SafeTensorsWriter.Write(path,
        [
            new("c", Torch.Torch.Ones([3], DType.Float16)),
            new("a", Torch.Torch.Ones([2], DType.Float32)),
            new("b", Torch.Torch.Ones([1], DType.Int64)),
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
        using var scope = Torch.Torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("transposed.safetensors");
        var transposed = Torch.Torch.Arange(0, 6, dtype: DType.Float32).Reshape(2, 3).Transpose(0, 1);

        SafeTensorsWriter.Write(path, [new("t", transposed)]);

        using var file = SafeTensorsFile.Open(path);
        var read = file.ReadTensor("t", Device.Cpu);
        Assert.Equal([3L, 2L], read.Shape);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], read.ToArray<float>());
    }

    [Fact]
    public void Writing_over_an_existing_file_replaces_it()
    {
        using var scope = Torch.Torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Write(path, [new("old", Torch.Torch.Ones([4]))]);

        SafeTensorsWriter.Write(path, [new("new", Torch.Torch.Zeros([2]))]);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(["new"], file.Tensors.Keys);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Replacing_a_file_that_is_open_leaves_the_open_file_reading_the_old_bytes()
    {
        using var scope = Torch.Torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        SafeTensorsWriter.Write(path, [new("w", Torch.Torch.Full([256], 1))]);
        using var reader = SafeTensorsFile.Open(path);

        // The writer renames a new file into place; rewriting in place would pull the mapping out from under the reader.
        SafeTensorsWriter.Write(path, [new("w", Torch.Torch.Full([256], 2))]);

        Assert.All(reader.ReadTensor("w", Device.Cpu).ToArray<float>(), v => Assert.Equal(1f, v));
        using var fresh = SafeTensorsFile.Open(path);
        Assert.All(fresh.ReadTensor("w", Device.Cpu).ToArray<float>(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void Asking_for_a_tensor_the_file_lacks_names_file_and_tensor()
    {
        using var scope = Torch.Torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("one.safetensors");
        SafeTensorsWriter.Write(path, [new("present", Torch.Torch.Ones([1]))]);

        using var file = SafeTensorsFile.Open(path);
        var error = Assert.Throws<SafeTensorsException>(() => file.ReadTensor("absent", Device.Cpu));
        Assert.Contains("one.safetensors", error.Message);
        Assert.Contains("'absent'", error.Message);
    }

    [Fact]
    public void A_disposed_file_refuses_reads_instead_of_touching_the_unmapped_memory()
    {
        using var scope = Torch.Torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("one.safetensors");
        SafeTensorsWriter.Write(path, [new("x", Torch.Torch.Ones([1]))]);

        var file = SafeTensorsFile.Open(path);
        file.Dispose();

        Assert.Throws<ObjectDisposedException>(() => file.ReadTensor("x", Device.Cpu));
    }
}
