namespace Samsara.Testing;

/// <summary>A theory that reads the reference data: skipped, with the reason, where <see cref="TestData"/> finds none.</summary>
public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute() => Skip = TestData.SkipReason;
}
