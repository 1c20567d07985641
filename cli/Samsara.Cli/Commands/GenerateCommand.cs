using System.CommandLine;
using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara generate`: completions for one prompt or a JSONL file of prompts, on a local model (--model) or an
/// OpenAI-compatible endpoint (--endpoint). With --out, lines are appended as each batch finishes and a rerun
/// skips the ids already there, so an interrupted run resumes where it stopped.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Model directory (Hugging Face layout); or use --endpoint" };
        var endpoint = new EndpointCliOptions();
        var prompt = new Option<string?>("--prompt") { Description = "One prompt; the response is printed" };
        var prompts = new Option<string?>("--prompts") { Description = "JSONL file of {\"id\",\"prompt\",…} lines" };
        var output = new Option<string?>("--out") { Description = "JSONL output: each input line plus \"response\" and \"finish_reason\" (default: stdout); a rerun resumes it" };
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
        var promptFormat = new Option<string?>("--prompt-format") { Description = "With --constitutions: paper (the papers' generation prompt, default) or compact (the training prompt layout a tiny teacher was pretrained on)" };
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();
        var threads = CommonOptions.Threads();
        var batchSize = CommonOptions.BatchSize();
        var command = new Command("generate", "Generate responses")
        {
            model, prompt, prompts, output, temperature, topP, topK, maxNewTokens, stop, seed, constitutions, perPrompt, promptFormat, device, dtype, threads, batchSize,
        };
        foreach (var option in endpoint.All) command.Options.Add(option);
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
            using var source = Source(parse, model, endpoint, device, dtype, threads);
            options = source.Adjust(options);
            try
            {
                if (parse.GetValue(constitutions) is { } principles)
                {
                    var run = new PrincipledGenerateRun(principles, parse.GetValue(perPrompt) ?? 4, parse.GetValue(seed), parse.GetValue(prompt),
                        parse.GetValue(prompts), parse.GetValue(output), PromptFormats.Parse(parse.GetValue(promptFormat)));
                    return run.Execute(source.Open, options);
                }
                if (parse.GetValue(perPrompt) is not null) throw new ArgumentException("--per-prompt needs --constitutions");
                if (parse.GetValue(promptFormat) is not null) throw new ArgumentException("--prompt-format needs --constitutions");
                var records = ReadPrompts(parse.GetValue(prompt), parse.GetValue(prompts));
                return Run(source.Open, records, options, parse.GetValue(output), single: parse.GetValue(prompt) is not null);
            }
            finally
            {
                source.Report(parse.GetValue(output));
            }
        });
        return command;
    }

    private static GeneratorSource Source(ParseResult parse, Option<string?> model, EndpointCliOptions endpoint, Option<string> device, Option<string?> dtype,
                                          Option<int?> threads)
    {
        var directory = parse.GetValue(model);
        if ((directory is null) == !endpoint.IsSet(parse)) throw new ArgumentException("give exactly one of --model DIR or --endpoint URL");
        if (directory is null) return GeneratorSource.Endpoint(endpoint.Read(parse), endpoint.ReadApi(parse));
        return GeneratorSource.Local(() =>
        {
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var dt = parse.GetValue(dtype) is { } name ? TorchNames.ParseFloat(name) : (ScalarType?)null;
            return LanguageModel.Load(directory, target, dt);
        });
    }

    private static List<JsonlRecord> ReadPrompts(string? prompt, string? file)
    {
        if ((prompt is null) == (file is null)) throw new ArgumentException("give exactly one of --prompt TEXT or --prompts FILE.jsonl");
        if (prompt is not null) return [new JsonlRecord(new JsonObject { ["id"] = "0", ["prompt"] = prompt }, "--prompt", 1)];
        var records = Jsonl.Read(file!).Select(r =>
        {
            r.Id();
            r.RequiredString("prompt");
            return r;
        }).ToList();
        // Resuming skips finished ids, so an id must name one prompt.
        if (records.GroupBy(r => r.Id()).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"{file}:{twice.ElementAt(1).Line}: id '{twice.Key}' is used again (first on line {twice.First().Line}); ids must be unique");
        return records;
    }

    private static int Run(Func<ITextGenerator> open, List<JsonlRecord> lines, GenerationOptions options, string? output, bool single)
    {
        if (output is null)
        {
            var completions = Generate(open(), lines, options, new ProgressBar("generate", lines.Count, "prompts"), 0);
            for (var i = 0; i < lines.Count; i++)
            {
                if (single) Console.WriteLine(completions[i].Text);
                else Console.WriteLine(WithResponse(lines[i], completions[i]).ToJsonString());
            }
            return 0;
        }
        if (JsonlAppender.Repair(output) is { } dropped)
            Console.Error.WriteLine($"samsara: {output}:{dropped}: dropped a partial last line left by an interrupted run; its prompt is generated again");
        var finished = File.Exists(output) ? Jsonl.Read(output).Select(r => r.Id()).ToHashSet(StringComparer.Ordinal) : [];
        var pending = lines.Where(r => !finished.Contains(r.Id())).ToList();
        if (pending.Count < lines.Count)
            Console.Error.WriteLine($"samsara: {output}: {lines.Count - pending.Count} of {lines.Count} prompts already generated; resuming with {pending.Count}");
        if (pending.Count == 0) return 0;
        var generator = open();
        var bar = new ProgressBar("generate", pending.Count, "prompts");
        using var appender = JsonlAppender.Open(output);
        var done = 0;
        foreach (var batch in pending.Chunk(options.BatchSize))
        {
            var completions = Generate(generator, batch, options, bar, done);
            appender.Append(batch.Select((r, i) => WithResponse(r, completions[i])));
            done += batch.Length;
        }
        return 0;
    }

    private static IReadOnlyList<Completion> Generate(ITextGenerator generator, IReadOnlyList<JsonlRecord> lines, GenerationOptions options, ProgressBar bar, int before)
    {
        var texts = lines.Select(r => r.RequiredString("prompt")).ToArray();
        var labels = lines.Select(r => $"{r.Path}:{r.Line}: prompt '{r.Id()}'").ToArray();
        return generator.Generate(texts, options, (done, tokens) => bar.Report(before + done, $"{tokens} tokens"), labels);
    }

    private static JsonObject WithResponse(JsonlRecord line, Completion completion)
    {
        var record = (JsonObject)line.Object.DeepClone();
        record["response"] = completion.Text;
        record["finish_reason"] = completion.FinishReason.ToWireName();
        return record;
    }
}
