using Google.Rpc;
using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Gateway.Runs;
using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests;

/// <summary>
/// A spec that comes through the gateway reads only the artifact store, the configured read-only roots and its owner's
/// runs: absolute paths, '..' escapes and another key's run directory are refused with INVALID_ARGUMENT naming the
/// field, before anything runs (no run, no spec written, nothing published).
/// </summary>
public sealed class SpecPathConfinementTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Theory]
    [InlineData("/etc/passwd", "spec.train_prompts.path")]
    [InlineData("../../x", "spec.train_prompts.path")]
    [InlineData("data/../../../etc/passwd", "spec.train_prompts.path")]
    [InlineData("/etc", "spec.teacher.path")]
    [InlineData("../artifacts/models/student", "spec.student.path")]
    [InlineData("/etc/samsara-principles.json", "spec.constitutions.principles")]
    [InlineData("/models/judge", "spec.evaluation.judges[0]")]
    public async Task A_path_outside_the_store_is_refused_before_anything_runs(string path, string field)
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var published = PublishCounter.On(server.Services.GetRequiredService<IBus>());
        var spec = GatewayWorkspace.ValidSpec();
        Set(spec, field, path);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new GatewayClient(server.CreateChannel()).StartAsync(spec));

        var violation = TheViolation(refused);
        Assert.Equal(field, violation.Field);
        Assert.Contains(path, violation.Description, StringComparison.Ordinal);
        await AssertNothingRanAsync(server, published);
    }

    [Fact]
    public async Task Another_keys_run_directory_is_refused_but_its_owner_and_an_admin_may_read_it()
    {
        await using var server = await GatewayServer.StartAsync(workspace);
        var alices = await new GatewayClient(server.CreateChannel()).StartAsync(GatewayWorkspace.ValidSpec());
        // alice's run trained a model: a checkpoint in her run's directory.
        var model = $"runs/{alices.Id}/models/sft";
        Directory.CreateDirectory(Path.Combine(workspace.Artifacts, model));
        File.WriteAllText(Path.Combine(workspace.Artifacts, model, "config.json"), "{}");
        var published = PublishCounter.On(server.Services.GetRequiredService<IBus>());
        var reuse = GatewayWorkspace.ValidSpec();
        reuse.Student.Path = model;

        var refused = await Assert.ThrowsAsync<RpcException>(() => new GatewayClient(server.CreateChannel(), GatewayServer.BobKey).StartAsync(reuse));
        Assert.Equal("spec.student.path", TheViolation(refused).Field);
        Assert.Equal(0, published.Count);

        // The same path is fine for alice herself and for an admin key.
        var again = await new GatewayClient(server.CreateChannel()).StartAsync(reuse, "alice-reuse");
        var admins = await new GatewayClient(server.CreateChannel(), GatewayServer.AdminKey).StartAsync(reuse, "admin-reuse");
        Assert.Equal(model, again.Spec.Student.Path);
        Assert.Equal(model, admins.Spec.Student.Path);
    }

    [Theory]
    [InlineData("runs/not-a-run/models/x")]
    [InlineData("runs/00000000-0000-0000-0000-000000000001/models/x")]
    public async Task A_path_in_no_known_run_is_refused_for_a_non_admin_key(string path)
    {
        Directory.CreateDirectory(Path.Combine(workspace.Artifacts, path));
        File.WriteAllText(Path.Combine(workspace.Artifacts, path, "config.json"), "{}");
        await using var server = await GatewayServer.StartAsync(workspace);
        var published = PublishCounter.On(server.Services.GetRequiredService<IBus>());
        var spec = GatewayWorkspace.ValidSpec();
        spec.Teacher.Path = path;

        var refused = await Assert.ThrowsAsync<RpcException>(() => new GatewayClient(server.CreateChannel()).StartAsync(spec));

        Assert.Equal("spec.teacher.path", TheViolation(refused).Field);
        await AssertNothingRanAsync(server, published);
    }

    [Fact]
    public async Task A_relative_path_the_store_lacks_is_found_in_a_read_only_root_and_the_run_gets_its_full_path()
    {
        var models = Path.Combine(workspace.Root, "models-volume");
        Directory.CreateDirectory(Path.Combine(models, "judge"));
        File.WriteAllText(Path.Combine(models, "judge", "config.json"), "{}");
        await using var server = await GatewayServer.StartAsync(workspace, new Dictionary<string, string?> { ["Gateway:ReadOnlyRoots:0"] = models });
        var spec = GatewayWorkspace.ValidSpec();
        spec.Teacher.Path = "judge";

        var run = await new GatewayClient(server.CreateChannel()).StartAsync(spec);

        Assert.Equal(Path.Combine(models, "judge"), run.Spec.Teacher.Path);
        Assert.Equal("models/student", run.Spec.Student.Path);   // the store comes first, and its paths stay relative
        var written = await File.ReadAllTextAsync(Path.Combine(workspace.Artifacts, RunWorkspace.SpecInStore(Guid.Parse(run.Id))));
        Assert.Contains(Path.Combine(models, "judge"), written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_root_is_no_way_around_the_rules()
    {
        var models = Path.Combine(workspace.Root, "models-volume");
        Directory.CreateDirectory(models);
        await using var server = await GatewayServer.StartAsync(workspace, new Dictionary<string, string?> { ["Gateway:ReadOnlyRoots:0"] = models });
        var spec = GatewayWorkspace.ValidSpec();
        spec.Teacher.Path = "../artifacts/models/teacher";

        var refused = await Assert.ThrowsAsync<RpcException>(() => new GatewayClient(server.CreateChannel(), GatewayServer.AdminKey).StartAsync(spec));

        Assert.Equal("spec.teacher.path", TheViolation(refused).Field);
    }

    private async Task AssertNothingRanAsync(GatewayServer server, PublishCounter published)
    {
        Assert.Equal(0, published.Count);
        Assert.False(Directory.Exists(Path.Combine(workspace.Artifacts, "runs")) && Directory.EnumerateFiles(Path.Combine(workspace.Artifacts, "runs"), "spec.json", SearchOption.AllDirectories).Any());
        var everyone = await new RunService.RunServiceClient(server.CreateChannel()).ListRunsAsync(new ListRunsRequest(), GatewayServer.As(GatewayServer.AdminKey));
        Assert.Empty(everyone.Runs);
    }

    // INVALID_ARGUMENT with exactly one field violation in its google.rpc.BadRequest details.
    private static BadRequest.Types.FieldViolation TheViolation(RpcException refused)
    {
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        return Assert.Single(refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
    }

    private static void Set(RunSpec spec, string field, string path)
    {
        switch (field)
        {
            case "spec.train_prompts.path": spec.TrainPrompts.Path = path; break;
            case "spec.teacher.path": spec.Teacher.Path = path; break;
            case "spec.student.path": spec.Student.Path = path; break;
            case "spec.constitutions.principles": spec.Constitutions = new ConstitutionSpec { Principles = path }; break;
            case "spec.evaluation.judges[0]":
                spec.EvalPrompts = new PromptSet { Path = "data/train.jsonl" };
                spec.Evaluation = new EvaluationSpec { Judges = { "logprob:" + path } };
                break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "a path field this test knows");
        }
    }

    public void Dispose() => workspace.Dispose();
}
