namespace Samsara.Testing;

/// <summary>
/// The root of the checkout the tests run from: the folder holding Samsara.sln, found by walking up from the test
/// binaries. The reference data beside it is found through <see cref="TestData"/>.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

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
