using System.CommandLine;
using Samsara.Api;
using Samsara.Grpc;

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
            using var channel = GrpcChannel.ForAddress(parse.GetRequiredValue(gateway));
            var client = new RunServiceClient(channel, GatewayOptions.ResolveKey(parse.GetValue(key)));
            var id = parse.GetRequiredValue(runId);
            return await FollowAsync(client, id, new RunProgressView(id), cancellationToken);
        });
        return command;
    }

    /// <summary>Shows the run's events until it ends, then its summary; Ctrl+C cancels the run.</summary>
    public static async Task<int> FollowAsync(RunServiceClient client, string runId, RunProgressView view, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in client.WatchAsync(runId, cancellationToken)) view.Show(e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await client.CancelRunAsync(runId, "interrupted (Ctrl+C)", CancellationToken.None);
        }
        return view.Summarize(await client.GetRunAsync(runId, CancellationToken.None));
    }
}
