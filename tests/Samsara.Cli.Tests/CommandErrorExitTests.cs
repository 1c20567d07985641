namespace Samsara.Cli.Tests;

/// <summary>
/// Any command that reports an error ends with that one line and exit code 1, so a script (or `set -e`) stops there;
/// `samsara serve` too, which exits 0 only when it is stopped after serving.
/// </summary>
public sealed class CommandErrorExitTests
{
    private const string Missing = "/nonexistent-samsara-test";

    [Theory]
    [InlineData(new[] { "serve", "--model", Missing, "--port", "0" }, $"samsara: error: {Missing}/config.json: file not found")]
    [InlineData(new[] { "serve", "--model", Missing, "--port", "99999" }, "samsara: error: --port must be in 0–65535, not 99999")]
    [InlineData(new[] { "generate", "--model", Missing, "--prompt", "x" }, $"samsara: error: {Missing}/config.json: file not found")]
    [InlineData(new[] { "eval", "--model", Missing, "--data", Missing + ".jsonl", "--out", Missing + "-out" }, $"samsara: error: {Missing}.jsonl: file not found")]
    [InlineData(new[] { "run", Missing + ".yaml" }, $"samsara: error: {Missing}.yaml: run spec not found")]
    public void An_error_is_one_line_on_stderr_and_exit_code_1(string[] args, string expected)
    {
        var run = SamsaraProcess.Run(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(expected, Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("samsara: serving", run.Stdout, StringComparison.Ordinal);
    }
}
