using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>
/// `samsara run` hosts every service in one process: a setting they cannot start with (from the command line or the
/// environment) is one line naming it and exit code 1, before any stage starts — not a stack trace.
/// </summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void An_artifact_store_that_cannot_be_created_names_artifacts()
    {
        File.WriteAllText(dir.File("a-file"), "");
        var artifacts = Path.Combine(dir.File("a-file"), "store");

        var run = SamsaraProcess.Run("run", Path.Combine(RepoPaths.Root, "examples", "quickstart.yaml"), "--artifacts", artifacts);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"samsara: error: invalid configuration: --artifacts: {artifacts} cannot be created (", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_url_where_a_host_name_belongs_names_the_setting()
    {
        var environment = new Dictionary<string, string> { ["Messaging__RabbitMq__Host"] = "amqp://127.0.0.1:5672" };

        var run = SamsaraProcess.RunWith(environment, "run", Path.Combine(RepoPaths.Root, "examples", "quickstart.yaml"), "--artifacts", dir.File("store"));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("samsara: error: invalid configuration: Messaging:RabbitMq:Host: 'amqp://127.0.0.1:5672' is not a host name or address (give the name only: no scheme, port or path)", error);
        Assert.DoesNotContain("   at ", run.Stdout, StringComparison.Ordinal);
    }
}
