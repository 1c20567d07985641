using System.CommandLine;
using Samsara.Api;
using Grpc.Core;
using Samsara.Api.V1;

namespace Samsara.Cli.Commands;

/// <summary>`samsara watch RUN_ID --gateway URL`: a run's progress, its history first, until it ends.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run to follow" };
        var gateway = GatewayOptions.Gateway();
        var key = GatewayOptions.Key();
        var command = new Command("watch", "Follow a run on a gateway until it ends") { runId, gateway, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = SamsaraChannels.ForAddress(parse.GetRequiredValue(gateway));
            var client = new RunService.RunServiceClient(channel.WithApiKey(GatewayOptions.ResolveKey(parse.GetValue(key))));
            var id = parse.GetRequiredValue(runId);
            return await FollowAsync(client, id, new RunProgressView(id), cancellationToken);
        });
        return command;
    }

    /// <summary>Shows the run's events until it ends, then its summary; Ctrl+C cancels the run.</summary>
    public static async Task<int> FollowAsync(RunService.RunServiceClient client, string runId, RunProgressView view, CancellationToken cancellationToken)
    {
        try
        {
            using var call = client.WatchRun(new WatchRunRequest { RunId = runId }, cancellationToken: cancellationToken);
            await foreach (var e in call.ResponseStream.ReadAllAsync(cancellationToken)) view.Show(e);
        }
        // grpc-dotnet reports a call its token cancelled as an RpcException with status Cancelled.
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // Off the signal handler's thread, where the cancellation ran this inline: System.CommandLine starts the
            // clock that ends a process whose command will not wind down only once that cancellation returns.
            await Task.Yield();
            await client.CancelRunAsync(new CancelRunRequest { RunId = runId, Reason = "interrupted (Ctrl+C)" }, cancellationToken: CancellationToken.None);
        }
        return view.Summarize(await client.GetRunAsync(new GetRunRequest { RunId = runId }, cancellationToken: CancellationToken.None));
    }
}
