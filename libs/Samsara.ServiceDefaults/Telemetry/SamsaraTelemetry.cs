using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Samsara.ServiceDefaults.Telemetry;

/// <summary>
/// Samsara's own span source and meter, both named <c>Samsara</c>: the stages' work (generate a shard, filter, train,
/// evaluate, judge) as spans, and the run/stage/training/judge figures as instruments. Each library creates its
/// instruments on <see cref="Meter"/> where it measures them; <see cref="TelemetryExtensions"/> subscribes to the name.
/// </summary>
public static class SamsaraTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Samsara";

    /// <summary>MassTransit's ActivitySource and Meter: publish/send/consume spans carry the trace across the broker.</summary>
    public const string MassTransitName = "MassTransit";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);
}
