using System.Diagnostics.Metrics;
using Samsara.Api.V1;
using Samsara.ServiceDefaults.Telemetry;

namespace Samsara.Gateway.Internal;

/// <summary>
/// <c>samsara.runs</c>: runs entering each state (<c>samsara.run.state</c> = pending when started, then as the
/// run's events apply). Counted once per applied change, so a redelivered event does not count twice.
/// </summary>
internal static class RunMetrics
{
    private static readonly Counter<long> Runs = SamsaraTelemetry.Meter.CreateCounter<long>(
        "samsara.runs", "{run}", "Runs entering a state");

    public static void Entered(RunState state) =>
        Runs.Add(1, new KeyValuePair<string, object?>("samsara.run.state", state.ToString().ToLowerInvariant()));
}
