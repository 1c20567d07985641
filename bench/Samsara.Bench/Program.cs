// Samsara vs PyTorch eager on the same Llama, checkpoint, token ids and threads, in one invocation:
//   dotnet run -c Release --project bench/Samsara.Bench -- [--threads 2] [--device cuda --dtype bfloat16 …]
// Reports the training step (forward + backward) time and greedy generation throughput, and their ratios.
using System.Text.Json;
using Samsara.Bench;
using Samsara.Torch;

var o = BenchOptions.Parse(args);
Torch.Threads = o.Threads;
var device = Device.Parse(o.Device);
var modelDir = Directory.CreateTempSubdirectory("samsara-bench-").FullName;
try
{
    var config = ModelSetup.Write(modelDir, o);
    var ids = ModelSetup.TokenIds(o);
    var idsPath = Path.Combine(modelDir, "ids.json");
    File.WriteAllText(idsPath, JsonSerializer.Serialize(ids));
    Console.WriteLine($"model: {o.Layers} layers, d={o.Hidden}, {o.Heads}/{o.KvHeads} heads, vocab {o.Vocab}, " +
                      $"{ModelSetup.ParameterCount(config) / 1e6:F1}M parameters; batch {o.Batch} × seq {o.Seq}; " +
                      $"{o.Threads} threads on {device} ({o.DType}); libtorch {Torch.LibTorchVersion}");

    var samsara = SamsaraRun.Measure(modelDir, ids, o, device);
    var peer = PeerRun.Measure(modelDir, idsPath, o);
    Report.Print(o, config, samsara, peer);
}
finally
{
    Directory.Delete(modelDir, recursive: true);
}
