using System.CommandLine;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Filters;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.SafeTensors;
using Samsara.Engine.Tokenization;
using Grpc.Core;
using Samsara.Engine.Runtime;
using Samsara.ServiceDefaults;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>Runs the parsed command; a failure the user can fix is one line on stderr and exit code 1, not a stack trace.</summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        try
        {
            // Asynchronously, so that Ctrl+C and SIGTERM cancel the command's token (the synchronous Invoke hands an
            // async command no token that ever fires); the timeout is how long a cancelled command may take to wind
            // down (`samsara run` cancels its run and stops the stages at their next safe point) before the process
            // exits anyway.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            });
        }
        catch (Exception e) when (ConfigurationErrors.Describe(e) is { } problem)
        {
            // The all-in-one host's settings (--artifacts, and Messaging__… and the like from the environment).
            Console.Error.WriteLine($"samsara: error: invalid configuration: {problem}");
            return 1;
        }
        catch (Exception e) when (e is ModelFormatException or SafeTensorsException or TokenizerException
                                       or ArgumentException or JsonlException or System.Runtime.InteropServices.ExternalException or IOException or UnauthorizedAccessException
                                       or PrincipleSetException or FilterConfigException or Endpoints.EndpointException)
        {
            Console.Error.WriteLine($"samsara: error: {e.Message}");
            return 1;
        }
        catch (RpcException e)
        {
            // The gateway's answer: its status, and each field a BadRequest names.
            var fields = e.GetRpcStatus()?.Details.Where(d => d.Is(Google.Rpc.BadRequest.Descriptor)).SelectMany(d => d.Unpack<Google.Rpc.BadRequest>().FieldViolations)
                .Select(v => $"{v.Field}: {v.Description}") ?? [];
            Console.Error.WriteLine($"samsara: error: gateway answered {e.Status.StatusCode}: {string.Join("; ", new[] { e.Status.Detail }.Concat(fields))}");
            return 1;
        }
    }

    /// <summary>Applies the options every model-running command shares.</summary>
    public static Device Setup(string device, int? threads)
    {
        if (threads is { } t)
        {
            if (t < 1) throw new ArgumentException($"--threads must be at least 1, not {t}");
            TorchRuntime.Threads = t;
        }
        var parsed = TorchNames.ParseDevice(device);
        if (parsed.type == DeviceType.CUDA && parsed.index >= torch.cuda.device_count())
            throw new ArgumentException(
                $"--device {device}: this libtorch ({TorchRuntime.LibTorchVersion}) sees {torch.cuda.device_count()} CUDA device(s)");
        return parsed;
    }
}
