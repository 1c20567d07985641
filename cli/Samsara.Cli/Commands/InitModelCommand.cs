using System.CommandLine;
using Samsara.Engine;
using Samsara.Engine.Models;
using Samsara.Engine.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>`samsara init-model`: a randomly initialised checkpoint in Hugging Face layout, for tests and demos.</summary>
internal static class InitModelCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "A config.json (LlamaConfig fields; \"tokenizer\": \"byte\" for the byte tokenizer)", Required = true };
        var output = new Option<string>("--out") { Description = "Directory to write config.json, model.safetensors and tokenizer.json to", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights", DefaultValueFactory = _ => 0 };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Directory to copy tokenizer files from (when the config does not say \"tokenizer\": \"byte\")" };
        var command = new Command("init-model", "Create a randomly initialised model") { config, output, seed, tokenizer };
        command.SetAction(parse => Run(parse.GetRequiredValue(config), parse.GetRequiredValue(output), parse.GetValue(seed), parse.GetValue(tokenizer)));
        return command;
    }

    private static int Run(string configPath, string output, ulong seed, string? tokenizerDirectory)
    {
        var config = LlamaConfig.Load(configPath);
        if (config.Tokenizer == "byte" && config.VocabSize < ByteTokenizer.VocabSize)
            throw new ModelFormatException($"{configPath}: vocab_size {config.VocabSize} is too small for the byte tokenizer ({ByteTokenizer.VocabSize} tokens)");
        if (config.Tokenizer != "byte" && tokenizerDirectory is null)
            throw new ArgumentException($"{configPath} does not ask for the byte tokenizer: give --tokenizer DIR to copy one from");

        using var model = Checkpoint.CreateRandom(config with { TorchDType = "float32" }, seed, CPU);
        if (config.Tokenizer == "byte")
        {
            Directory.CreateDirectory(output);
            ByteTokenizer.Write(Path.Combine(output, "tokenizer.json"));
            Checkpoint.Save(model, output);
        }
        else
        {
            using var lm = new LanguageModel(model, TokenizerLoader.Load(tokenizerDirectory!), tokenizerDirectory);
            lm.Save(output);
        }
        var parameters = model.Parameters.Values.Sum(t => t.NumberOfElements);
        Console.WriteLine($"wrote {output}: {parameters:N0} parameters, {config.NumHiddenLayers} layers, seed {seed}");
        return 0;
    }
}
