using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.SafeTensors;

/// <summary>
/// A model directory in the Hugging Face layout: one model.safetensors, or shards named by
/// model.safetensors.index.json. Opening maps every file and checks the index against the shards, so a
/// checkpoint that opens has every tensor it names.
/// </summary>
public sealed class SafeTensorsCheckpoint : IDisposable
{
    public const string SingleFileName = "model.safetensors";
    public const string IndexFileName = "model.safetensors.index.json";

    private readonly string directory;
    private readonly List<SafeTensorsFile> files;
    private readonly Dictionary<string, SafeTensorsFile> fileOfTensor;

    private SafeTensorsCheckpoint(string directory, List<SafeTensorsFile> files, Dictionary<string, SafeTensorsFile> fileOfTensor)
    {
        this.directory = directory;
        this.files = files;
        this.fileOfTensor = fileOfTensor;
    }

    public IReadOnlyCollection<string> Names => fileOfTensor.Keys;

    /// <summary>Opens <paramref name="directory"/>; an index, when present, wins over a model.safetensors beside it.</summary>
    public static SafeTensorsCheckpoint Open(string directory)
    {
        var fullPath = Path.GetFullPath(directory);
        if (!Directory.Exists(fullPath))
            throw new SafeTensorsException(fullPath, null, "checkpoint directory does not exist");

        var indexPath = Path.Combine(fullPath, IndexFileName);
        if (File.Exists(indexPath)) return OpenSharded(fullPath, indexPath);

        var singlePath = Path.Combine(fullPath, SingleFileName);
        if (!File.Exists(singlePath))
            throw new SafeTensorsException(fullPath, null, $"holds neither {SingleFileName} nor {IndexFileName}");
        var file = SafeTensorsFile.Open(singlePath);
        return new SafeTensorsCheckpoint(fullPath, [file], file.Tensors.Keys.ToDictionary(name => name, _ => file, StringComparer.Ordinal));
    }

    public bool Contains(string name) => fileOfTensor.ContainsKey(name);

    public TensorInfo Info(string name) => FileOf(name).Tensors[name];

    public Tensor ReadTensor(string name, Device device) => FileOf(name).ReadTensor(name, device);

    public void Dispose()
    {
        foreach (var file in files) file.Dispose();
    }

    private SafeTensorsFile FileOf(string name) =>
        fileOfTensor.TryGetValue(name, out var file) ? file : throw new SafeTensorsException(directory, name, "no such tensor in this checkpoint");

    private static SafeTensorsCheckpoint OpenSharded(string directory, string indexPath)
    {
        var weightMap = SafeTensorsIndex.ReadWeightMap(indexPath);
        var shards = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        var fileOfTensor = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, shardName) in weightMap)
            {
                if (!shards.TryGetValue(shardName, out var shard))
                {
                    var shardPath = Path.Combine(directory, shardName);
                    if (!File.Exists(shardPath))
                        throw new SafeTensorsException(indexPath, name, $"shard '{shardName}' does not exist ({shardPath})");
                    shards[shardName] = shard = SafeTensorsFile.Open(shardPath);
                }
                if (!shard.Tensors.ContainsKey(name))
                    throw new SafeTensorsException(indexPath, name, $"listed in shard '{shardName}', which does not hold it");
                fileOfTensor[name] = shard;
            }
        }
        catch
        {
            foreach (var shard in shards.Values) shard.Dispose();
            throw;
        }
        return new SafeTensorsCheckpoint(directory, [.. shards.Values], fileOfTensor);
    }
}
