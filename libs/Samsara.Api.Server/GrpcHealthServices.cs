namespace Samsara.Api.Server;

/// <summary>
/// The service names grpc.health.v1.Health answers besides "" (every check), so Kubernetes' native gRPC probes can
/// ask the same questions as /health/live and /health/ready.
/// </summary>
public static class GrpcHealthServices
{
    /// <summary>Only the checks tagged <see cref="ServiceDefaults.HealthTags.Live"/>: a broker that is down must not get the pod restarted.</summary>
    public const string Live = "live";

    /// <summary>Every check (the broker, the artifact store, …), as "" and /health/ready.</summary>
    public const string Ready = "ready";
}
