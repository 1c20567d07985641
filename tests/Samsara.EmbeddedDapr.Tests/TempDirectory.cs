namespace Samsara.EmbeddedDapr.Tests;

/// <summary>A fresh directory per test, holding the sidecar's SQLite file; removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("samsara-dapr-").FullName;

    public string Database => Path.Combine(Root, "actors.db");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
