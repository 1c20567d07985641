using System.Globalization;
using Samsara.Api.Auth;
using Samsara.EndToEnd.Tests.Infrastructure;
using Samsara.Testing;

namespace Samsara.EndToEnd.Tests;

/// <summary>
/// Each stage host as a process, alone (in-memory bus), called by Debian's python3-grpcio (C-core) client
/// (python/stage_client.py): health and reflection answer without a key, a call without a key is UNAUTHENTICATED,
/// an unknown method UNIMPLEMENTED, an oversized message RESOURCE_EXHAUSTED, and one real call of its API succeeds
/// (the judge's with the rubric judge, and with an OpenAI-compatible judge behind `samsara serve`); `samsara judge
/// --service` gets from the judge host the judgements it writes when it judges alone.
/// </summary>
public sealed class StageServicesTests : IDisposable
{
    private const string ApiKey = "stage-key";
    private readonly string root = Directory.CreateTempSubdirectory("samsara-stage-grpc-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (host, service, call) in new[]
                 {
                     ("generator", "GeneratorService", "generate_call"), ("filter", "FilterService", "filter_call"), ("judge", "JudgeService", "judge_call"),
                     ("trainer", "TrainerService", "trainer_call"),
                 })
            foreach (var c in new[] { "health", "reflection", "no_key", "unimplemented", "oversized", call })
                data.Add(host, service, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_grpcio_client_gets_what_the_API_promises(string host, string service, string testCase)
    {
        using var process = await StartAsync(host);
        var output = await RunClientAsync(process, service, testCase);
        Assert.EndsWith("ok", output.Trim());
    }

    [Fact]
    public async Task A_deadline_that_expires_mid_generation_stops_the_generation()
    {
        using var process = await StartAsync("generator");
        var output = await RunClientAsync(process, "GeneratorService", "deadline", "3");
        Assert.EndsWith("ok", output.Trim());
        // The server saw the deadline and stopped between prompts, well short of the 500 asked for.
        var stopped = await WaitForLineAsync(process, "Generate stopped after");
        Assert.Contains("of 500 prompts", stopped);
    }

    [Fact]
    public async Task The_judge_judges_with_an_OpenAI_compatible_judge_behind_samsara_serve()
    {
        // A tiny model with room for the judge prompt, served as users serve a judge of their own.
        using var served = ServedModel.Start(TinyModels.Create(Path.Combine(root, "judge-model"), TinyModels.Config(context: 2048)), "judge");
        using var process = await StartAsync("judge", new Dictionary<string, string>
        {
            ["Judging:OpenAi:MaxTokens"] = "16",   // the judge's answers are parsed, not read: keep each call short
            ["Judging:OpenAi:MaxAttempts"] = "2",
        });
        var output = await RunClientAsync(process, "JudgeService", "judge_call", $"openai:{served.BaseUrl}#judge");
        // judge_call also asserts that the verdicts carry the endpoint's usage (requests > 0).
        Assert.EndsWith("ok", output.Trim());
        Assert.Contains("\"verdicts\"", output);
    }

    [DataFact]
    public async Task Samsara_judge_on_the_service_writes_what_it_writes_judging_alone()
    {
        using var process = await StartAsync("judge");
        string[] pairs = ["--a", TestData.File("sami_multitask/responses_SAMI-epoch-0.2-wBJc5j.json"), "--b", TestData.File("sami_multitask/responses_SFT.json"), "--judge", "rubric"];
        var (viaService, alone) = (Path.Combine(root, "service.jsonl"), Path.Combine(root, "alone.jsonl"));

        var output = await RunCliAsync([.. pairs, "--service", $"http://127.0.0.1:{process.Port}", "--out", viaService]);
        await RunCliAsync([.. pairs, "--no-cache", "--out", alone]);

        Assert.Contains("80 items judged", output);
        Assert.Equal(await File.ReadAllLinesAsync(alone), await File.ReadAllLinesAsync(viaService));
        Assert.True(process.Lines.Count(l => l.Contains(" judged (", StringComparison.Ordinal) && l.Contains("Judging job", StringComparison.Ordinal)) > 1,
            $"the judge host did not judge the call as a job of several batches\n{process.Tail()}");
    }

    // `samsara judge ARGS` as a process (the CLI the tests' build made), with the stage hosts' API key; its stdout.
    private static async Task<string> RunCliAsync(IEnumerable<string> args)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepoPaths.Root, "cli", "Samsara.Cli", "bin", bin.Parent!.Name, bin.Name, "samsara.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "judge" }.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["SAMSARA_API_KEY"] = ApiKey;
        using var cli = System.Diagnostics.Process.Start(start)!;
        var (stdout, stderr) = (cli.StandardOutput.ReadToEndAsync(), cli.StandardError.ReadToEndAsync());
        await cli.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        Assert.True(cli.ExitCode == 0, $"samsara judge exited with {cli.ExitCode}:\n{await stderr}");
        return await stdout;
    }

    private static async Task<string> WaitForLineAsync(ServiceProcess process, string text)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (process.Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line) return line;
        Assert.Fail($"the host never logged '{text}'\n{process.Tail()}");
        return "";
    }

    private async Task<ServiceProcess> StartAsync(string host, IReadOnlyDictionary<string, string>? more = null)
    {
        var artifacts = Path.Combine(root, "artifacts");
        var configuration = new Dictionary<string, string>
        {
            ["Artifacts:Root"] = artifacts,
            ["Grpc:ApiKeys:0:Name"] = "tester",
            ["Grpc:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(ApiKey),
            // The generator answers with the tiny teacher (ignored by the other hosts).
            ["Generator:Model:Path"] = Path.Combine(RepoPaths.Root, "models", "tiny-teacher"),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>()) configuration[key] = value;
        var process = ServiceProcess.Start(host, $"Samsara.{char.ToUpperInvariant(host[0])}{host[1..]}", root, configuration);
        try
        {
            await Cluster.WaitReadyAsync(process);
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Runs python/stage_client.py for one case against <paramref name="host"/>; its output.</summary>
    private async Task<string> RunClientAsync(ServiceProcess host, string service, string testCase, string extra = "")
    {
        var descriptors = Path.Combine(root, "descriptors.pb");
        await File.WriteAllBytesAsync(descriptors, ApiDescriptors.Set());
        using var client = PythonClient.Start("stage_client.py", host.Port.ToString(CultureInfo.InvariantCulture), service, testCase, descriptors, ApiKey, extra);
        return await client.OutputAsync(TimeSpan.FromMinutes(2), host.Tail);
    }
}
