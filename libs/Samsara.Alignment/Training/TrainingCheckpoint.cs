using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Optim;
using Samsara.Engine;
using Samsara.Engine.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Alignment.Training;

/// <summary>
/// The resumable state of a run in OUT/checkpoint/: the trained tensors, the optimizer's state, the step, and the
/// settings that must not change across a resume. Written to a temporary directory and swapped in by renames,
/// so a crash leaves the previous checkpoint or the new one, never a mix.
/// </summary>
internal static class TrainingCheckpoint
{
    private const string Format = "samsara-training-state";
    private const int Version = 1;

    public static string PathIn(string outputDirectory) => System.IO.Path.Combine(outputDirectory, "checkpoint");

    public static void Save(string outputDirectory, int step, IReadOnlyDictionary<string, Parameter> trained, TrainingOptimizer optimizer, JsonObject settings)
    {
        var target = PathIn(outputDirectory);
        var temporary = $"{target}.tmp-{Guid.NewGuid():N}";
        Directory.CreateDirectory(temporary);
        try
        {
            SafeTensorsWriter.Write(System.IO.Path.Combine(temporary, "trainable.safetensors"), trained);
            using (torch.NewDisposeScope())
                SafeTensorsWriter.Write(System.IO.Path.Combine(temporary, "optimizer.safetensors"), optimizer.State());
            var state = new JsonObject
            {
                ["format"] = Format,
                ["version"] = Version,
                ["step"] = step,
                ["optimizer_steps"] = optimizer.StepCount,
                ["settings"] = settings.DeepClone(),
            };
            AtomicFile.WriteAllText(System.IO.Path.Combine(temporary, "state.json"), state.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            var previous = $"{target}.old-{Guid.NewGuid():N}";
            if (Directory.Exists(target)) Directory.Move(target, previous);
            Directory.Move(temporary, target);
            if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>The checkpoint to resume from, or null: OUT/checkpoint, or the previous one if a swap was interrupted.</summary>
    public static string? Find(string outputDirectory)
    {
        var target = PathIn(outputDirectory);
        if (File.Exists(System.IO.Path.Combine(target, "state.json"))) return target;
        return Directory.Exists(outputDirectory)
            ? Directory.GetDirectories(outputDirectory, "checkpoint.old-*").FirstOrDefault(d => File.Exists(System.IO.Path.Combine(d, "state.json")))
            : null;
    }

    /// <summary>Restores tensors and optimizer state in place; returns the step the checkpoint ended.</summary>
    public static int Restore(string checkpoint, IReadOnlyDictionary<string, Parameter> trained, TrainingOptimizer optimizer, JsonObject settings)
    {
        var statePath = System.IO.Path.Combine(checkpoint, "state.json");
        var state = JsonNode.Parse(File.ReadAllText(statePath)) as JsonObject
            ?? throw new ModelFormatException($"{statePath}: expected a JSON object");
        if (state["format"]?.GetValue<string>() != Format || state["version"]?.GetValue<int>() != Version)
            throw new ModelFormatException($"{statePath}: not a {Format} version {Version} file");
        var saved = state["settings"] as JsonObject ?? throw new ModelFormatException($"{statePath}: settings missing");
        var changed = settings.Select(kv => kv.Key).Where(key => !JsonNode.DeepEquals(saved[key], settings[key])).ToList();
        if (changed.Count > 0)
            throw new ArgumentException(
                $"cannot resume from {checkpoint}: these settings differ from the run that wrote it: " +
                string.Join(", ", changed.Select(k => $"{k} ({saved[k]?.ToJsonString() ?? "none"} → {settings[k]?.ToJsonString() ?? "none"})")));

        using (var file = SafeTensorsFile.Open(System.IO.Path.Combine(checkpoint, "trainable.safetensors")))
        using (torch.no_grad())
            foreach (var (name, tensor) in trained)
            {
                using var stored = file.ReadTensor(name, tensor.device);
                tensor.copy_(stored);
            }
        using (var file = SafeTensorsFile.Open(System.IO.Path.Combine(checkpoint, "optimizer.safetensors")))
        {
            var first = trained.Values.First();
            var slots = new Dictionary<string, Tensor>();
            using var scope = torch.NewDisposeScope();
            foreach (var name in file.Tensors.Keys) slots[name] = file.ReadTensor(name, first.device);
            optimizer.LoadState(slots, state["optimizer_steps"]!.GetValue<long>());
        }
        return state["step"]!.GetValue<int>();
    }

    /// <summary>SHA-256 of a file, so a resume notices that the training data changed.</summary>
    public static string Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLower(CultureInfo.InvariantCulture);
    }
}
