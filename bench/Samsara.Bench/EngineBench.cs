using System.Text.Json;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Bench;

/// <summary>
/// The engine benchmark: the training step (forward + backward) time and greedy generation throughput of one Llama,
/// Samsara vs PyTorch eager on the same checkpoint, token ids and threads, in alternating rounds.
/// </summary>
internal static class EngineBench
{
    public static int Run(string[] args)
    {
        var o = BenchOptions.Parse(args);
        TorchRuntime.Threads = o.Threads;
        var device = TorchNames.ParseDevice(o.Device);
        var modelDir = Directory.CreateTempSubdirectory("samsara-bench-").FullName;
        try
        {
            var config = ModelSetup.Write(modelDir, o);
            var ids = ModelSetup.TokenIds(o);
            var idsPath = Path.Combine(modelDir, "ids.json");
            File.WriteAllText(idsPath, JsonSerializer.Serialize(ids));
            Console.WriteLine($"model: {o.Layers} layers, d={o.Hidden}, {o.Heads}/{o.KvHeads} heads, vocab {o.Vocab}, " +
                              $"{ModelSetup.ParameterCount(config) / 1e6:F1}M parameters; batch {o.Batch} × seq {o.Seq}; " +
                              $"{o.Threads} threads on {device} ({o.DType}); libtorch {TorchRuntime.LibTorchVersion}; " +
                              $"OMP_WAIT_POLICY={TorchRuntime.OpenMpWaitPolicy}");

            // Rounds alternate the two sides, so drift in the machine's speed hits both alike; the ratios are per round.
            using var samsara = new SamsaraRun(modelDir, o, device);
            var rounds = new List<(Measurement Samsara, Measurement Peer)>();
            var peerVersion = "";
            for (var round = 1; round <= o.Rounds; round++)
            {
                Console.Error.WriteLine($"round {round}/{o.Rounds}");
                var ours = samsara.Measure(ids);
                var (theirs, version) = PeerRun.Measure(modelDir, idsPath, o);
                rounds.Add((ours, theirs));
                peerVersion = version;
            }
            Report.Print(o, config, rounds, peerVersion);
        }
        finally
        {
            Directory.Delete(modelDir, recursive: true);
        }
        return 0;
    }
}
