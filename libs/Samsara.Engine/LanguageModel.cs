using Samsara.Engine.Models;
using Samsara.Engine.SafeTensors;
using Samsara.Engine.Tokenization;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine;

/// <summary>
/// A model directory in Hugging Face layout, loaded: config.json, model.safetensors (or shards with
/// model.safetensors.index.json) and the tokenizer. What generation, scoring and training work on.
/// </summary>
public sealed class LanguageModel : IDisposable
{
    public LanguageModel(LlamaModel model, ITokenizer tokenizer, string? tokenizerDirectory = null)
    {
        Model = model;
        Tokenizer = tokenizer;
        TokenizerDirectory = tokenizerDirectory;
        if (tokenizer.VocabSize > model.Config.VocabSize)
            throw new ModelFormatException(
                $"the tokenizer has {tokenizer.VocabSize} tokens but config.json vocab_size is {model.Config.VocabSize}");
        EosId = model.Config.EosTokenIds.Count > 0 ? model.Config.EosTokenIds[0]
            : tokenizer.EosId ?? throw new ModelFormatException("neither config.json eos_token_id nor the tokenizer names an EOS token");
        PadId = model.Config.PadTokenId ?? tokenizer.PadId ?? EosId;
    }

    public LlamaModel Model { get; }

    public ITokenizer Tokenizer { get; }

    public LlamaConfig Config => Model.Config;

    /// <summary>Where the tokenizer files came from; <see cref="Save"/> copies them from there.</summary>
    public string? TokenizerDirectory { get; }

    /// <summary>The token appended after a response when scoring; generation stops on any of config's EOS ids.</summary>
    public int EosId { get; }

    public int PadId { get; }

    public bool IsEos(int id) => id == EosId || Config.EosTokenIds.Contains(id);

    /// <summary>
    /// Loads a model directory onto <paramref name="device"/>, converting weights to <paramref name="dtype"/>
    /// (default: fp32 on CPU, bf16 on CUDA). Names, shapes and dtypes are checked against config.json first.
    /// </summary>
    public static LanguageModel Load(string directory, Device device, ScalarType? dtype = null)
    {
        var config = LlamaConfig.Load(Path.Combine(directory, "config.json"));
        var tokenizer = TokenizerLoader.Load(directory);
        var target = dtype ?? (device.type == DeviceType.CUDA ? ScalarType.BFloat16 : ScalarType.Float32);
        using var checkpoint = SafeTensorsCheckpoint.Open(directory);
        var parameters = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, shape) in LlamaModel.ParameterShapes(config))
            {
                var info = checkpoint.Contains(name) ? checkpoint.Info(name)
                    : throw new ModelFormatException($"{directory}: tensor '{name}' is missing from the checkpoint (config.json asks for it)");
                if (!info.Shape.SequenceEqual(shape))
                    throw new ModelFormatException(
                        $"{directory}: tensor '{name}' has shape [{string.Join(", ", info.Shape)}] but config.json implies [{string.Join(", ", shape)}]");
                if (!torch.is_floating_point(info.DType) || info.DType != TorchNames.ParseFloat(config.TorchDType))
                    throw new ModelFormatException(
                        $"{directory}: tensor '{name}' is {info.DType} but config.json torch_dtype is {config.TorchDType}");
                using var stored = checkpoint.ReadTensor(name, CPU);
                parameters[name] = stored.to(target, device).DetachFromDisposeScope();
            }
            return new LanguageModel(new LlamaModel(config, parameters), tokenizer, directory);
        }
        catch
        {
            foreach (var t in parameters.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>Writes the checkpoint (config.json, safetensors) and copies the tokenizer files beside it.</summary>
    public void Save(string directory)
    {
        Checkpoint.Save(Model, directory);
        if (TokenizerDirectory is null) return;
        foreach (var file in TokenizerFiles)
        {
            var source = Path.Combine(TokenizerDirectory, file);
            var target = Path.Combine(directory, file);
            if (File.Exists(source) && Path.GetFullPath(source) != Path.GetFullPath(target)) File.Copy(source, target, overwrite: true);
        }
    }

    /// <summary>[BOS] + tokens(prompt); fails, naming <paramref name="what"/>, if it leaves fewer than <paramref name="reserve"/> positions.</summary>
    public int[] EncodePrompt(string prompt, string what, int reserve)
    {
        var tokens = Tokenizer.Encode(prompt);
        int[] ids = Config.BosTokenId is { } bos ? [bos, .. tokens] : [.. tokens];
        if (ids.Length + reserve > Config.ContextLength)
            throw new ArgumentException(
                $"{what} is {ids.Length} tokens (with BOS); the model's context is {Config.ContextLength} tokens" +
                (reserve > 0 ? $" and {reserve} must remain for the response" : ""));
        return ids;
    }

    public void Dispose() => Model.Dispose();

    private static readonly string[] TokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt"];
}
