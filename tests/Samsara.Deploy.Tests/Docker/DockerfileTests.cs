using System.Text.RegularExpressions;
using System.Xml.Linq;
using Samsara.Deploy.Tests.Support;
using Samsara.Testing;

namespace Samsara.Deploy.Tests.Docker;

/// <summary>
/// No Docker engine runs here, so the Dockerfiles are checked against the repository: everything they copy exists,
/// they publish the service's own project, and their entrypoint runs that project's assembly. The services that run
/// models publish TorchSharp's CUDA backend.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] ServiceNames = ["gateway", "generator", "filter", "trainer", "judge"];

    public static TheoryData<string> Services => [.. ServiceNames];

    // They run models through libtorch (GenerationStage, TrainingStage, EvaluationStage); the filter does not.
    private static readonly HashSet<string> RunsLibTorch = ["generator", "trainer", "judge"];

    private static string DockerDirectory => Path.Combine(RepoPaths.Root, "deploy", "docker");

    [Fact]
    public void There_is_one_dockerfile_per_service_and_no_other()
    {
        var files = Directory.GetFiles(DockerDirectory, "*.Dockerfile").Select(Path.GetFileName).Order();
        Assert.Equal(ServiceNames.Select(s => $"{s}.Dockerfile").Order(), files);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_path_it_copies_from_the_repository_exists(string service)
    {
        var dockerfile = Load(service);
        var copies = dockerfile.All("COPY").Concat(dockerfile.All("ADD")).Where(c => !c.Flags.ContainsKey("from")).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var words = copy.Words;
            foreach (var source in words.Take(words.Count - 1))
            {
                var path = Path.Combine(RepoPaths.Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{service}.Dockerfile line {copy.Line}: COPY source '{source}' does not exist in the repository");
            }
        }

        // A COPY --from names a stage of this file (or an image).
        var stages = dockerfile.All("FROM").Select(f => f.Words).Where(w => w.Count == 3).Select(w => w[2]).ToHashSet(StringComparer.Ordinal);
        foreach (var copy in dockerfile.All("COPY").Where(c => c.Flags.ContainsKey("from")))
            Assert.True(stages.Contains(copy.Flags["from"]), $"{service}.Dockerfile line {copy.Line}: --from={copy.Flags["from"]} is not a stage");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void It_publishes_the_services_project_and_runs_its_assembly(string service)
    {
        var dockerfile = Load(service);
        var project = ServiceProject(service);
        var relative = Path.GetRelativePath(RepoPaths.Root, project).Replace('\\', '/');
        var publish = Assert.Single(dockerfile.All("RUN"), r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var published = PublishedProject().Match(publish.Arguments).Groups["project"].Value;
        Assert.Equal(relative, published);
        // What the project needs to build is in the image: its folder and everything it references.
        var copied = dockerfile.All("COPY").Where(c => !c.Flags.ContainsKey("from")).SelectMany(c => c.Words.SkipLast(1)).ToList();
        foreach (var needed in ProjectClosure(project))
        {
            var path = Path.GetRelativePath(RepoPaths.Root, needed).Replace('\\', '/');
            Assert.True(copied.Any(c => path.StartsWith(c, StringComparison.Ordinal)), $"{service}.Dockerfile does not copy {path}");
        }

        var entrypoint = Assert.Single(dockerfile.InStage(dockerfile.FinalStage), i => i.Keyword == "ENTRYPOINT");
        Assert.Equal(["dotnet", $"{AssemblyName(project)}.dll"], entrypoint.Words);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_runs_as_a_non_root_user_with_a_health_check(string service)
    {
        var dockerfile = Load(service);
        var final = dockerfile.InStage(dockerfile.FinalStage).ToList();
        var user = final.LastOrDefault(i => i.Keyword == "USER");
        Assert.NotNull(user);
        Assert.DoesNotMatch("^(root|0)(:|$)", user.Arguments);
        Assert.Matches(@"^(\$APP_UID|1654(:1654)?)$", user.Arguments);
        var health = Assert.Single(final, i => i.Keyword == "HEALTHCHECK");
        Assert.Contains(RenderedChart.HealthPaths.Live, health.Arguments, StringComparison.Ordinal);
        // Multi-stage: the SDK stays in the build stage.
        Assert.Contains(dockerfile.All("FROM"), f => f.Arguments.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal) && f.Stage != dockerfile.FinalStage);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Services_that_run_models_publish_the_cuda_torchsharp_backend_on_the_aspnet_image(string service)
    {
        var dockerfile = Load(service);
        var publish = Assert.Single(dockerfile.All("RUN"), r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Equal(RunsLibTorch.Contains(service), publish.Arguments.Contains("-p:SamsaraTorchBackend=cuda", StringComparison.Ordinal));
        // No native build stage any more: TorchSharp's packages carry libtorch.
        Assert.DoesNotContain(dockerfile.All("RUN"), r => r.Arguments.Contains("cmake", StringComparison.Ordinal));

        var runtime = dockerfile.All("FROM").Single(f => f.Stage == dockerfile.FinalStage);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtime.Arguments, StringComparison.Ordinal);
        if (RunsLibTorch.Contains(service))
            Assert.Contains(dockerfile.All("ENV").Where(e => e.Stage == dockerfile.FinalStage), e => e.Arguments.Contains("NVIDIA_VISIBLE_DEVICES=all", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_ports_are_the_ones_the_chart_probes()
    {
        var chart = RenderedChart.Render(ChartVariant.Default);
        foreach (var service in ServiceNames)
        {
            var dockerfile = Load(service);
            var exposed = dockerfile.InStage(dockerfile.FinalStage).Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Words).Order();
            var declared = chart.Workload(service).Containers.SelectMany(c => c.Maps("ports")).Select(p => p.Text("containerPort")).Order();
            Assert.Equal(declared, exposed);
        }
    }

    [Fact]
    public void The_parser_joins_continuations_and_reads_flags()
    {
        var dockerfile = Dockerfile.Parse("x", """
            FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
            # a comment
            COPY --from=build --chown=1:1 a/ \
                 b/ c/
            ENTRYPOINT ["dotnet", "X.dll"]
            """);
        var copy = Assert.Single(dockerfile.All("COPY"));
        Assert.Equal(("build", "1:1"), (copy.Flags["from"], copy.Flags["chown"]));
        Assert.Equal(["a/", "b/", "c/"], copy.Words);
        Assert.Equal(["dotnet", "X.dll"], Assert.Single(dockerfile.All("ENTRYPOINT")).Words);
        Assert.Equal(0, dockerfile.FinalStage);
    }

    private static Dockerfile Load(string service) => Dockerfile.Load(Path.Combine(DockerDirectory, $"{service}.Dockerfile"));

    private static string ServiceProject(string service) =>
        Assert.Single(Directory.GetFiles(Path.Combine(RepoPaths.Root, "services", service), "*.csproj", SearchOption.AllDirectories));

    private static string AssemblyName(string project) =>
        XDocument.Load(project).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(project);

    /// <summary>The project and every project it references, transitively.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (seen.Contains(next))
                continue;
            seen.Add(next);
            foreach (var reference in XDocument.Load(next).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Attribute("Include")!.Value)));
        }

        return seen;
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishedProject();
}
