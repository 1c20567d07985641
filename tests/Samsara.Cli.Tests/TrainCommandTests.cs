using System.Text.Json.Nodes;
using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>`samsara train` as a user runs it, including a run killed mid-way and resumed.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("samsara-train-").FullName;
    private readonly string model;
    private readonly string data;

    public TrainCommandTests()
    {
        model = TinyModels.Create(Path.Combine(dir, "model"), TinyModels.Config(layers: 2, context: 96));
        data = Path.Combine(dir, "sft.jsonl");
        File.WriteAllLines(data, Enumerable.Range(0, 12).Select(i =>
            new JsonObject { ["id"] = $"e{i}", ["prompt"] = $"Count to {i}:", ["completion"] = string.Join(' ', Enumerable.Range(1, i)) }.ToJsonString()));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string[] Args(string output, int steps, params string[] more) =>
        ["train", "--algo", "sft", "--model", model, "--data", data, "--out", output, "--steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--batch-queries", "4", "--micro-batch", "2", "--lr", "1e-3", "--save-every", "1", "--seed", "3", .. more];

    [Fact]
    public void Writes_a_checkpoint_and_one_metrics_line_per_step()
    {
        var output = Path.Combine(dir, "out");
        var run = SamsaraProcess.Run(Args(output, 3));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(Path.Combine(output, "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([1, 2, 3], lines.Select(l => l["step"]!.GetValue<int>()));
        foreach (var field in new[] { "loss", "lr", "grad_norm", "tokens_per_s" }) Assert.NotNull(lines[0][field]);
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json" }) Assert.True(File.Exists(Path.Combine(output, file)), file);
        Assert.Contains("3/3 steps", run.Stderr);
    }

    [Fact]
    public void A_killed_run_resumes_to_the_same_metrics_as_one_never_stopped()
    {
        var whole = Path.Combine(dir, "whole");
        Assert.Equal(0, SamsaraProcess.Run(Args(whole, 30)).ExitCode);

        var killed = Path.Combine(dir, "killed");
        using (var process = SamsaraProcess.Start(Args(killed, 30)))
        {
            var metrics = Path.Combine(killed, "metrics.jsonl");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && !process.HasExited && (!File.Exists(metrics) || File.ReadAllLines(metrics).Length < 4))
                Thread.Sleep(20);
            Assert.False(process.HasExited, "the run finished before it could be killed");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var resumed = SamsaraProcess.Run(Args(killed, 30, "--resume"));
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);

        static List<(double Loss, double Norm)> Read(string d) => File.ReadAllLines(Path.Combine(d, "metrics.jsonl"))
            .Select(l => JsonNode.Parse(l)!).Select(n => (n["loss"]!.GetValue<double>(), n["grad_norm"]!.GetValue<double>())).ToList();
        Assert.Equal(Read(whole), Read(killed));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "model.safetensors")));
    }

    [Fact]
    public void A_malformed_dataset_line_is_reported_before_training()
    {
        File.AppendAllText(data, "{\"id\": \"bad\", \"prompt\": 3}\n");
        var output = Path.Combine(dir, "never");
        var run = SamsaraProcess.Run(Args(output, 1));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sft.jsonl:13: field \"prompt\" must be a string", run.Stderr);
        Assert.False(Directory.Exists(output));
    }
}
