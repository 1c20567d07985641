namespace Samsara.Testing;

/// <summary>
/// Where the reference data lives (MT-Bench, GSM8K, the papers' outputs): one setting, <c>SAMSARA_TEST_DATA</c>,
/// defaulting to <c>../shared/data</c> beside the repository root. A fresh clone has no such folder, so the tests
/// that read it are skipped (<see cref="DataFactAttribute"/>) with a reason naming the setting; CI sets
/// <c>SAMSARA_REQUIRE_TEST_DATA=1</c> so a missing folder fails those tests instead of silently skipping them.
/// </summary>
public static class TestData
{
    public const string Setting = "SAMSARA_TEST_DATA";

    public const string RequireSetting = "SAMSARA_REQUIRE_TEST_DATA";

    private static readonly Lazy<string> RootPath = new(() =>
        Environment.GetEnvironmentVariable(Setting) is { Length: > 0 } configured
            ? Path.GetFullPath(configured, RepoPaths.Root)
            : Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data")));

    /// <summary>The data folder, whether or not it exists.</summary>
    public static string Root => RootPath.Value;

    public static bool IsPresent => Directory.Exists(Root);

    /// <summary>Whether a missing data folder must fail the data tests rather than skip them (CI).</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireSetting) == "1";

    /// <summary>Why a data test does not run here, or null when it runs (the folder is there, or it is required).</summary>
    public static string? SkipReason => IsPresent || IsRequired
        ? null
        : $"needs the reference data: {Root} does not exist (set {Setting} to the data folder; {RequireSetting}=1 turns this skip into a failure)";

    /// <summary>A path under the data folder, e.g. <c>File("gsm8k/test.jsonl")</c>; a missing folder is an error naming the setting.</summary>
    public static string File(string relative)
    {
        if (!IsPresent)
        {
            throw new DirectoryNotFoundException($"The reference data folder {Root} does not exist: set {Setting} to the folder holding gsm8k/, mt_bench/ and sami_multitask/.");
        }

        return Path.Combine(Root, relative);
    }
}
