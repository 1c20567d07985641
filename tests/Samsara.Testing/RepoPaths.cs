namespace Samsara.Testing;

/// <summary>
/// Paths of the checkout the tests run from: the repository root (the folder holding Samsara.sln, found by
/// walking up from the test binaries) and the data folder shared beside it (<c>../shared</c>).
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>A path under the sibling shared/ folder, e.g. <c>SharedData("data/gsm8k/test.jsonl")</c>.</summary>
    public static string SharedData(string relative) =>
        Path.GetFullPath(Path.Combine(Root, "..", "shared", relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Samsara.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Samsara.sln above {AppContext.BaseDirectory}");
    }
}
