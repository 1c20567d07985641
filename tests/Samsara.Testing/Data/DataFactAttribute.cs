namespace Samsara.Testing;

/// <summary>A fact that reads the reference data: skipped, with the reason, where <see cref="TestData"/> finds none.</summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute() => Skip = TestData.SkipReason;
}
