using System.Text.Json;
using Samsara.Engine.SafeTensors;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.SafeTensors;

/// <summary>
/// Files must pass between Samsara and PyTorch both ways. Python writes and parses the format by hand (struct + json),
/// as Debian ships no safetensors package: the test pins the byte layout, not one library's reading of it.
/// </summary>
public class PyTorchInteropTests
{
    private const string PythonWrites = """
        import json, struct, sys, torch
        path = sys.stdin.read()
        torch.manual_seed(0)
        tensors = {
            "model.embed.weight": torch.randn(5, 4),
            "layers.0.attn.bf16": torch.randn(3, 7).to(torch.bfloat16),
            "layers.0.mlp.f16": torch.randn(2, 3, 2).half(),
            "positions": torch.arange(-4, 8, dtype=torch.int64).reshape(3, 4),
            "scale": torch.tensor(0.125),
        }
        names = {torch.float32: "F32", torch.bfloat16: "BF16", torch.float16: "F16", torch.int64: "I64"}
        def raw(t):
            # numpy has no bfloat16: reinterpret the bits as int16, which numpy can dump.
            return (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).contiguous().numpy().tobytes()
        header, blobs, offset = {"__metadata__": {"format": "pt", "source": "torch"}}, [], 0
        for name, t in tensors.items():
            b = raw(t)
            header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
            blobs.append(b)
            offset += len(b)
        h = json.dumps(header).encode()
        h += b" " * (-len(h) % 8)
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
        print(json.dumps({n: {"shape": list(t.shape), "values": t.double().flatten().tolist()} for n, t in tensors.items()}))
        """;

    private const string PythonReads = """
        import json, struct, sys, torch
        data = open(sys.stdin.read(), "rb").read()
        (n,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + n])
        buffer = data[8 + n:]
        dtypes = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64,
                  "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
        out = {"header_length": n, "buffer_length": len(buffer), "metadata": header.pop("__metadata__", {}), "tensors": {}}
        for name, entry in header.items():
            begin, end = entry["data_offsets"]
            dtype = dtypes[entry["dtype"]]
            raw = bytearray(buffer[begin:end])
            # frombuffer rejects an empty buffer, so empty tensors are made directly.
            t = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
            t = t.reshape(entry["shape"])
            out["tensors"][name] = {"dtype": str(t.dtype), "shape": list(t.shape), "offsets": [begin, end],
                                    "values": t.double().flatten().tolist()}
        print(json.dumps(out))
        """;

    [Fact]
    public void Samsara_reads_the_values_pytorch_wrote()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("from-python.safetensors");

        using var expected = JsonDocument.Parse(PythonRunner.Run(PythonWrites, path));

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["source"] = "torch" }, file.Metadata);
        Assert.Equal(ScalarType.BFloat16, file.Tensors["layers.0.attn.bf16"].DType);
        Assert.Equal(ScalarType.Float16, file.Tensors["layers.0.mlp.f16"].DType);
        Assert.Equal(ScalarType.Int64, file.Tensors["positions"].DType);
        foreach (var tensor in expected.RootElement.EnumerateObject())
        {
            var read = file.ReadTensor(tensor.Name, CPU);
            Assert.Equal(tensor.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), read.shape);
            // Python printed exact doubles (repr round-trips), so the comparison is exact, not approximate.
            Assert.Equal(tensor.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()), TensorAssert.Values(read));
        }
    }

    [Fact]
    public void Pytorch_reads_the_values_samsara_wrote()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("from-samsara.safetensors");
        torch.manual_seed((long)3);
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = torch.randn([4, 3]),
            ["bf16"] = torch.randn([2, 9]).to(ScalarType.BFloat16),
            ["f16"] = torch.randn([5]).to(ScalarType.Float16),
            ["i64"] = HostTensors.FromArray([-(1L << 40), 0L, 1L << 40], 3),
            ["bool"] = HostTensors.FromArray([true, false, true], 3, 1),
            ["scalar"] = torch.tensor(-1.5f),
            ["empty"] = torch.zeros([2, 0]),
        };
        SafeTensorsWriter.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });

        using var read = JsonDocument.Parse(PythonRunner.Run(PythonReads, path));

        var root = read.RootElement;
        Assert.Equal(0, root.GetProperty("header_length").GetInt64() % 8);
        Assert.Equal("pt", root.GetProperty("metadata").GetProperty("format").GetString());
        var torchDTypes = new Dictionary<ScalarType, string>
        {
            [ScalarType.Float32] = "torch.float32",
            [ScalarType.BFloat16] = "torch.bfloat16",
            [ScalarType.Float16] = "torch.float16",
            [ScalarType.Int64] = "torch.int64",
            [ScalarType.Bool] = "torch.bool",
        };
        long expectedOffset = 0;
        foreach (var (name, expected) in tensors)
        {
            var actual = root.GetProperty("tensors").GetProperty(name);
            Assert.Equal(torchDTypes[expected.dtype], actual.GetProperty("dtype").GetString());
            Assert.Equal(expected.shape, actual.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
            Assert.Equal(TensorAssert.Values(expected), actual.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
            // Back to back, in the order given.
            var offsets = actual.GetProperty("offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            Assert.Equal(expectedOffset, offsets[0]);
            expectedOffset = offsets[1];
        }
        Assert.Equal(expectedOffset, root.GetProperty("buffer_length").GetInt64());
    }
}
