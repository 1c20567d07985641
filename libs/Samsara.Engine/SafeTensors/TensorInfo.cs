using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.SafeTensors;

/// <summary>One tensor's entry in a safetensors header. <paramref name="Offset"/> counts from the start of the data buffer.</summary>
public sealed record TensorInfo(string Name, ScalarType DType, long[] Shape, long Offset, long Length);
