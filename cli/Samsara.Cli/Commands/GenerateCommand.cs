using System.CommandLine;
using System.Text.Json.Nodes;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;
using Samsara.Torch;

namespace Samsara.Cli.Commands;

/// <summary>`samsara generate`: completions for one prompt or a JSONL file of prompts.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var prompt = new Option<string?>("--prompt") { Description = "One prompt; the response is printed" };
        var prompts = new Option<string?>("--prompts") { Description = "JSONL file of {\"id\",\"prompt\",…} lines" };
        var output = new Option<string?>("--out") { Description = "JSONL output: each input line plus \"response\" and \"finish_reason\" (default: stdout)" };
        var temperature = new Option<double>("--temperature") { Description = "0 is greedy", DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Sample among the k most likely tokens (0: all)", DefaultValueFactory = _ => 0 };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Token limit per response", DefaultValueFactory = _ => 256 };
        var stop = new Option<string[]>("--stop") { Description = "A string that ends a response (repeatable)", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<ulong>("--seed") { Description = "Sampling seed (and, with --constitutions, the seed of the constitution draws)", DefaultValueFactory = _ => 0 };
        var constitutions = new Option<string?>("--constitutions")
        {
            Description = "Principles FILE (Samsara's or the papers' JSON) or \"default\": generate under sampled constitutions (prompts need \"category\")",
        };
        var perPrompt = new Option<int?>("--per-prompt") { Description = "With --constitutions: constitutions per prompt, 4 ({strong, antithesis}²) or 2 (default 4)" };
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();
        var threads = CommonOptions.Threads();
        var batchSize = CommonOptions.BatchSize();
        var command = new Command("generate", "Generate responses")
        {
            model, prompt, prompts, output, temperature, topP, topK, maxNewTokens, stop, seed, constitutions, perPrompt, device, dtype, threads, batchSize,
        };
        command.SetAction(parse =>
        {
            var options = new GenerationOptions
            {
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                TopK = parse.GetValue(topK),
                MaxNewTokens = parse.GetValue(maxNewTokens),
                Stop = parse.GetValue(stop) ?? [],
                Seed = parse.GetValue(seed),
                BatchSize = parse.GetValue(batchSize),
            };
            options.Validate();
            if (parse.GetValue(constitutions) is { } principles)
            {
                var run = new PrincipledGenerateRun(principles, parse.GetValue(perPrompt) ?? 4, parse.GetValue(seed), parse.GetValue(prompt),
                    parse.GetValue(prompts), parse.GetValue(output));
                return run.Execute(() => LoadModel(parse, model, device, dtype, threads), options);
            }
            if (parse.GetValue(perPrompt) is not null) throw new ArgumentException("--per-prompt needs --constitutions");
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var records = ReadPrompts(parse.GetValue(prompt), parse.GetValue(prompts));
            var dt = parse.GetValue(dtype) is { } name ? DTypeExtensions.ParseFloat(name) : (DType?)null;
            using var lm = LanguageModel.Load(parse.GetRequiredValue(model), target, dt);
            return Run(lm, records, options, parse.GetValue(output), single: parse.GetValue(prompt) is not null);
        });
        return command;
    }

    private static LanguageModel LoadModel(ParseResult parse, Option<string> model, Option<string> device, Option<string?> dtype, Option<int?> threads)
    {
        var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
        var dt = parse.GetValue(dtype) is { } name ? DTypeExtensions.ParseFloat(name) : (DType?)null;
        return LanguageModel.Load(parse.GetRequiredValue(model), target, dt);
    }

    private static List<JsonlRecord> ReadPrompts(string? prompt, string? file)
    {
        if ((prompt is null) == (file is null)) throw new ArgumentException("give exactly one of --prompt TEXT or --prompts FILE.jsonl");
        if (prompt is not null) return [new JsonlRecord(new JsonObject { ["id"] = "0", ["prompt"] = prompt }, "--prompt", 1)];
        return Jsonl.Read(file!).Select(r =>
        {
            r.Id();
            r.RequiredString("prompt");
            return r;
        }).ToList();
    }

    private static int Run(LanguageModel lm, List<JsonlRecord> lines, GenerationOptions options, string? output, bool single)
    {
        var bar = new ProgressBar("generate", lines.Count, "prompts");
        var texts = lines.Select(r => r.RequiredString("prompt")).ToArray();
        var labels = lines.Select(r => $"{r.Path}:{r.Line}: prompt '{r.Id()}'").ToArray();
        var completions = new Generator(lm).Generate(texts, options, (done, tokens) => bar.Report(done, $"{tokens} tokens"), labels);
        var records = lines.Select(r => r.Object).ToList();
        for (var i = 0; i < records.Count; i++)
        {
            records[i]["response"] = completions[i].Text;
            records[i]["finish_reason"] = completions[i].FinishReason.ToWireName();
        }
        if (output is not null) Jsonl.Write(output, records);
        else if (single) Console.WriteLine(completions[0].Text);
        else foreach (var r in records) Console.WriteLine(r.ToJsonString());
        return 0;
    }
}
