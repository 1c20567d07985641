using System.CommandLine;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Stages.Plan;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara submit SPEC.yaml --gateway URL`: starts a run on a (remote) gateway and prints its id. Relative paths
/// in the spec stay relative: the gateway and the services read them in their artifact store.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Run spec (YAML or JSON)" };
        var gateway = GatewayOptions.Gateway();
        var key = GatewayOptions.Key();
        var idempotency = new Option<string?>("--idempotency-key") { Description = "Retries with the same key start one run (default: the spec's name)" };
        var command = new Command("submit", "Start a run on a gateway") { spec, gateway, key, idempotency };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runSpec = RunSpecFile.Load(parse.GetRequiredValue(spec), resolveRelativePaths: false);
            using var channel = SamsaraChannels.ForAddress(parse.GetRequiredValue(gateway));
            var client = new RunService.RunServiceClient(channel.WithApiKey(GatewayOptions.ResolveKey(parse.GetValue(key))));
            var request = new StartRunRequest { Spec = runSpec, IdempotencyKey = parse.GetValue(idempotency) ?? runSpec.Name };
            var run = await client.StartRunAsync(request, cancellationToken: cancellationToken);
            Console.WriteLine(run.Id);
            return 0;
        });
        return command;
    }
}
