using Samsara.EndToEnd.Tests.Infrastructure;
using Samsara.Testing;

namespace Samsara.EndToEnd.Tests.Startup;

/// <summary>
/// Every service host started as a real process with a setting it cannot run with: it exits with code 1 and prints
/// one line naming the setting (no unhandled-exception stack trace), before it serves or connects to anything.
/// </summary>
public sealed class When_a_service_is_misconfigured : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // No API key: the gateway could only refuse every call.
        { "gateway", "Samsara.Gateway", "", "Gateway:ApiKeys: configure at least one API key" },
        { "gateway", "Samsara.Gateway", "Gateway:ApiKeys:0:Name=ops;Gateway:ApiKeys:0:Sha256=" + new string('a', 64) + ";Gateway:ArtifactRoot={blocked}",
            "Gateway:ArtifactRoot: {blocked} is not a directory this service can write" },
        { "generator", "Samsara.Generator", "Artifacts:Root={store};Messaging:RabbitMq:Host=amqp://127.0.0.1:5672",
            "Messaging:RabbitMq:Host: 'amqp://127.0.0.1:5672' is not a host name or address" },
        { "filter", "Samsara.Filter", "", "Artifacts:Root: The Root field is required." },
        { "trainer", "Samsara.Trainer", "Artifacts:Root={blocked}", "Artifacts:Root: {blocked} is not a directory this service can write" },
        { "judge", "Samsara.Judge", "Artifacts:Root={store};Messaging:RabbitMq:Host=broker;Messaging:RabbitMq:Port=0",
            "Messaging:RabbitMq:Port: The field Port must be between 1 and 65535." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task It_exits_with_1_and_one_line_naming_the_setting(string folder, string project, string settings, string expected)
    {
        // A file where a directory should be: unwritable for every user, root included.
        var blocked = Path.Combine(dir.File("a-file"), "store");
        File.WriteAllText(dir.File("a-file"), "");
        string Fill(string text) => text.Replace("{blocked}", blocked, StringComparison.Ordinal).Replace("{store}", dir.File("store"), StringComparison.Ordinal);
        var configuration = Fill(settings).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

        using var service = ServiceProcess.Start(folder, project, dir.Path, configuration);
        // A guard against a host that starts serving instead of refusing, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var exitCode = await service.WaitForExitAsync(guard.Token);

        Assert.True(exitCode == 1, service.Tail());
        var error = Assert.Single(service.Lines, line => line.Contains("invalid configuration", StringComparison.Ordinal));
        Assert.StartsWith($"{project}: invalid configuration: {Fill(expected)}", error, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Lines, line => line.StartsWith("   at ", StringComparison.Ordinal) || line.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
