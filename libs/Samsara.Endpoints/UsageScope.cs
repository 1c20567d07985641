using System.Collections.Concurrent;

namespace Samsara.Endpoints;

/// <summary>
/// The endpoint usage of one unit of work — a task, a comparison — whatever clients it goes through: every
/// <see cref="OpenAiEndpoint"/> request made in this async flow (and the tasks it starts) while the scope is open is
/// also counted here, per endpoint. Clients are shared by a whole replica, so their own meters mix every task's calls;
/// this is how one task's share is told apart (<see cref="RunUsage.Record(string, string, UsageScope)"/>). Scopes nest:
/// a call counts in every enclosing scope. Dispose it on the flow that began it.
/// </summary>
public sealed class UsageScope : IDisposable
{
    private static readonly AsyncLocal<UsageScope?> Ambient = new();

    private readonly ConcurrentDictionary<string, UsageMeter> meters = new(StringComparer.Ordinal);
    private readonly UsageScope? outer;

    private UsageScope(UsageScope? outer) => this.outer = outer;

    /// <summary>The innermost open scope of this flow, if any.</summary>
    public static UsageScope? Current => Ambient.Value;

    /// <summary>Opens a scope; requests made from here until it is disposed count in it.</summary>
    public static UsageScope Begin()
    {
        var scope = new UsageScope(Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    /// <summary>The usage so far, by endpoint (<see cref="EndpointOptions.Name"/>); endpoints not called are absent.</summary>
    public IReadOnlyDictionary<string, UsageTotals> Totals => meters.ToDictionary(m => m.Key, m => m.Value.Snapshot(), StringComparer.Ordinal);

    public void Dispose() => Ambient.Value = outer;

    /// <summary>Applies <paramref name="count"/> to <paramref name="endpoint"/>'s meter in every scope open on this flow.</summary>
    internal static void CountAll(string endpoint, Action<UsageMeter> count)
    {
        for (var scope = Ambient.Value; scope is not null; scope = scope.outer)
            count(scope.meters.GetOrAdd(endpoint, _ => new UsageMeter()));
    }
}
