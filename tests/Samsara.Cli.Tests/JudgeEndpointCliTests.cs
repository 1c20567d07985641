using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>`samsara judge --judge openai:URL#MODEL` against `samsara serve` hosting a tiny random model, both as real processes.</summary>
public sealed class JudgeEndpointCliTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Answers(string model)
    {
        var path = dir.File($"{model}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, 3).Select(i => new JsonObject
        {
            ["id"] = $"q{i}",
            ["category"] = "writing",
            ["prompt"] = $"Write line {i}.",
            ["constitution"] = "1. Be brief.",
            ["response"] = $"{model} line {i}",
        }.ToJsonString()));
        return path;
    }

    [Fact]
    public void A_served_judge_judges_every_item_records_usage_and_refuses_unknown_or_missing_endpoints()
    {
        using var server = new ServeProcess(TinyModels.Create(dir.File("tiny"), TinyModels.Config(context: 2048)), "tiny");
        var output = dir.File("judgements.jsonl");
        string[] Judge(string spec, string @out) =>
            ["judge", "--a", Answers("alpha"), "--b", Answers("beta"), "--judge", spec, "--out", @out, "--judge-max-tokens", "8", "--endpoint-attempts", "2"];

        var run = SamsaraProcess.Run(Judge($"openai:{server.BaseUrl}#tiny", output));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["q0", "q1", "q2"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal($"openai:{server.BaseUrl}#tiny", l["judge"]!.GetValue<string>()));
        // Eight greedy tokens of a random model hold no verdict: six unparsed calls, three ties.
        Assert.All(lines, l => Assert.Equal("tie", l["verdict"]!.GetValue<string>()));
        Assert.Equal(6, lines.Sum(l => l["parse_failures"]!.GetValue<int>()));
        Assert.Contains("6 unparsed calls (counted as ties)", run.Stdout);
        var usage = JsonNode.Parse(File.ReadAllText(output + ".usage.json"))!;
        Assert.Equal(6, usage["requests"]!.GetValue<long>());
        Assert.Equal(0, usage["failures"]!.GetValue<long>());
        Assert.InRange(usage["completion_tokens"]!.GetValue<long>(), 6, 6 * 8);
        Assert.Contains("judging total in", run.Stderr);

        var unknown = SamsaraProcess.Run(Judge($"openai:{server.BaseUrl}#nope", dir.File("unknown.jsonl")));

        Assert.Equal(1, unknown.ExitCode);
        var error = Assert.Single(unknown.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("does not serve model 'nope' (it serves: tiny)", error);
        Assert.Empty(Directory.GetFiles(dir.Path, "unknown.jsonl*"));

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();   // nothing listens there now
        var down = SamsaraProcess.Run(Judge($"openai:http://127.0.0.1:{port}/v1#tiny", dir.File("down.jsonl")));

        Assert.Equal(1, down.ExitCode);
        error = Assert.Single(down.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"127.0.0.1:{port}", error);
        Assert.Contains("could not be reached", error);
        Assert.Contains("(gave up after 2 attempts)", error);
        Assert.Empty(Directory.GetFiles(dir.Path, "down.jsonl*"));
    }
}
