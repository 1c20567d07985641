namespace Samsara.ServiceDefaults;

/// <summary>Tags that place a health check on an endpoint.</summary>
public static class HealthTags
{
    /// <summary>
    /// Checks that say the process itself works. Only these run on <c>/health/live</c>: a failing dependency
    /// (a broker that is down) must make the pod unready, not get it restarted.
    /// </summary>
    public const string Live = "live";
}
