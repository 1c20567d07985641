namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The distributed tests share one cluster and run one at a time: five processes on a small CI machine are enough,
/// each start costs seconds, and one test restarts the broker under the others. Each test starts its own runs and
/// leaves every service running when it ends (a test that kills one starts it again).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DistributedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Distributed Samsara";
}

/// <summary>Starts the shared <see cref="Cluster"/> before the collection's first test and stops it after the last.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public Cluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await Cluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
