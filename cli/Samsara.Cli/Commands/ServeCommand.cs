using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Samsara.Engine;
using Samsara.Serving;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>`samsara serve`: an OpenAI-compatible HTTP server over a local model, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var name = new Option<string?>("--name") { Description = "The model name clients send (default: the model directory's name)" };
        var host = new Option<string>("--host") { Description = "Address to listen on (default loopback only)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0: any free port)", DefaultValueFactory = _ => 8000 };
        var maxBatch = new Option<int>("--max-batch") { Description = "Sequences of concurrent requests decoded together", DefaultValueFactory = _ => 8 };
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();
        var threads = CommonOptions.Threads();
        var command = new Command("serve", "Serve a model over an OpenAI-compatible HTTP API (/v1/models, /v1/completions, /v1/chat/completions)")
        {
            model, name, host, port, maxBatch, device, dtype, threads,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetRequiredValue(model);
            var options = new ServingOptions
            {
                ModelName = parse.GetValue(name) ?? new DirectoryInfo(Path.GetFullPath(directory)).Name,
                MaxBatchSize = parse.GetValue(maxBatch),
            };
            options.Validate();
            var p = parse.GetValue(port);
            if (p is < 0 or > 65535) throw new ArgumentException($"--port must be in 0–65535, not {p}");
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var dt = parse.GetValue(dtype) is { } d ? TorchNames.ParseFloat(d) : (ScalarType?)null;
            using var lm = LanguageModel.Load(directory, target, dt);
            var address = parse.GetRequiredValue(host);
            var url = $"http://{(address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address)}:{p}";
            using var app = ServingHost.Build(lm, options, [url]);
            app.Start();
            // The bound address (the real port when --port 0), so scripts and tests can read where to connect.
            foreach (var bound in app.Urls) Console.WriteLine($"samsara: serving '{options.ModelName}' at {bound}/v1");
            app.WaitForShutdown();
            return 0;
        });
        return command;
    }
}
