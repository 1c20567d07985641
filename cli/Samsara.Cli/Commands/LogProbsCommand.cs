using System.CommandLine;
using System.Text.Json.Nodes;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Scoring;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>`samsara logprobs`: log π(response | prompt) for each line of a JSONL file.</summary>
internal static class LogProbsCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var data = new Option<string>("--data") { Description = "JSONL file of {\"id\",\"prompt\",\"response\"} lines", Required = true };
        var output = new Option<string>("--out") { Description = "JSONL output: {\"id\",\"sum_logprob\",\"mean_logprob\",\"n_tokens\"}", Required = true };
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();
        var threads = CommonOptions.Threads();
        var batchSize = CommonOptions.BatchSize();
        var command = new Command("logprobs", "Score responses: the log-probability of the response tokens and EOS")
        {
            model, data, output, device, dtype, threads, batchSize,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(batchSize) < 1) throw new ArgumentException("--batch-size must be at least 1");
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var rows = Jsonl.Read(parse.GetRequiredValue(data))
                .Select(r => (Id: r.Id(), Prompt: r.RequiredString("prompt"), Response: r.RequiredString("response"), Label: $"{r.Path}:{r.Line}: pair '{r.Id()}'"))
                .ToList();
            var dt = parse.GetValue(dtype) is { } name ? TorchNames.ParseFloat(name) : (ScalarType?)null;
            using var lm = LanguageModel.Load(parse.GetRequiredValue(model), target, dt);
            var bar = new ProgressBar("logprobs", rows.Count, "pairs");
            var scores = new LogProbScorer(lm).ScoreAll(rows.Select(r => (r.Prompt, r.Response)).ToList(), parse.GetValue(batchSize),
                done => bar.Report(done), rows.Select(r => r.Label).ToList());
            Jsonl.Write(parse.GetRequiredValue(output), rows.Select((r, i) => new JsonObject
            {
                ["id"] = r.Id,
                ["sum_logprob"] = scores[i].Sum,
                ["mean_logprob"] = scores[i].Mean,
                ["n_tokens"] = scores[i].Count,
            }));
            return 0;
        });
        return command;
    }
}
