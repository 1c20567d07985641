using Samsara.Api.V1;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>
/// A temporary directory with what a valid spec points at: teacher and student model directories (config.json
/// present) and 130 train prompts, which make 3 generation shards of 64. Deleted on dispose.
/// </summary>
public sealed class GatewayWorkspace : IDisposable
{
    public GatewayWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("samsara-gateway-").FullName;
        Artifacts = Path.Combine(Root, "artifacts");
        foreach (var model in new[] { "models/teacher", "models/student" })
        {
            Directory.CreateDirectory(Path.Combine(Artifacts, model));
            File.WriteAllText(Path.Combine(Artifacts, model, "config.json"), "{}");
        }
        Directory.CreateDirectory(Path.Combine(Artifacts, "data"));
        File.WriteAllLines(Path.Combine(Artifacts, "data/train.jsonl"),
            Enumerable.Range(0, 130).Select(i => $$"""{"id":"{{i}}","category":"c","prompt":"p{{i}}"}"""));
    }

    public string Root { get; }

    public string Artifacts { get; }

    public static RunSpec ValidSpec() => new()
    {
        Name = "test",
        Teacher = new ModelRef { Path = "models/teacher" },
        Student = new ModelRef { Path = "models/student" },
        TrainPrompts = new PromptSet { Path = "data/train.jsonl" },
        Training = { new TrainingSpec { Algorithm = Algorithm.Sami, Steps = 10 } },
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
