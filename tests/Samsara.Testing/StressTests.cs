namespace Samsara.Testing;

/// <summary>
/// Whether the collector stress tests run (<c>SAMSARA_STRESS_TESTS=1</c>). They run arithmetic and optimizer steps
/// under a <see cref="CollectingThread"/>, which makes garbage collections thousands of times more frequent than in a
/// run. Off by default: under that load something still ends the test host about once in seven runs of 20,000 rounds
/// ("terminate called after throwing an instance of 'c10::Error'", the same toFloat check), not yet found, and a
/// crashed host takes every other test of its assembly with it. With them on, the plain TorchSharp operators and
/// optimizers fail within seconds where ScalarMath and our optimizer steps pass.
/// </summary>
public static class StressTests
{
    public const string Variable = "SAMSARA_STRESS_TESTS";

    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(Variable) == "1" ? null : $"collector stress test: set {Variable}=1 to run it";
}

/// <summary>A fact that runs only with <see cref="StressTests.Variable"/> set.</summary>
public sealed class StressFactAttribute : FactAttribute
{
    public StressFactAttribute() => Skip = StressTests.SkipReason;
}

/// <summary>A theory that runs only with <see cref="StressTests.Variable"/> set.</summary>
public sealed class StressTheoryAttribute : TheoryAttribute
{
    public StressTheoryAttribute() => Skip = StressTests.SkipReason;
}
