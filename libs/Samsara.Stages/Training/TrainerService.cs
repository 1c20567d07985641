using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Samsara.Api;
using Samsara.Api.Server;
using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Stages.Training;

/// <summary>
/// samsara.v1.TrainerService: this trainer's job in progress and its steps (<see cref="TrainingMonitor"/>), and the
/// models a run has trained, read from the finished-training markers <see cref="RunTrainer"/> writes.
/// </summary>
public sealed class TrainerService(TrainingMonitor monitor, RunSpecs specs) : Api.V1.TrainerService.TrainerServiceBase
{
    public override Task<Api.V1.Training> GetTraining(GetTrainingRequest request, ServerCallContext context) => Task.FromResult(monitor.Current);

    public override async Task WatchTraining(WatchTrainingRequest request, IServerStreamWriter<TrainingStepMetrics> responseStream, ServerCallContext context)
    {
        var runId = request.RunId.Length == 0 ? null : RunIdOf(request.RunId).ToString("D");
        try
        {
            await foreach (var step in monitor.WatchAsync(context.CancellationToken))
                if (runId is null || step.RunId == runId)
                    await responseStream.WriteAsync(step, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client left or its deadline passed: the stream has no other end.
        }
    }

    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var runId = RunIdOf(request.RunId);
        var workspace = specs.Workspace(runId);
        if (!Directory.Exists(workspace.Directory)) throw RpcErrors.NotFound($"run '{request.RunId}'");
        var response = new ListModelsResponse();
        var markers = workspace.Models;
        if (!Directory.Exists(markers)) return Task.FromResult(response);
        foreach (var marker in Directory.EnumerateFiles(markers, "*.done").Order(StringComparer.Ordinal))
        {
            // "{algorithm}.done", or "{algorithm}.iter{i}.done" for an iterated training.
            var parts = Path.GetFileNameWithoutExtension(marker).Split('.');
            if (TrainingAlgorithms.FromName(parts[0]) is not { } algorithm) continue;
            var iteration = parts.Length == 2 && parts[1].StartsWith("iter", StringComparison.Ordinal)
                && int.TryParse(parts[1].AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 1;
            var iterationModel = workspace.Iteration(algorithm, iteration).Model(algorithm);
            var path = Directory.Exists(iterationModel) ? iterationModel : workspace.Model(algorithm);
            response.Models.Add(new TrainedModel
            {
                Algorithm = algorithm.ToProto(),
                Iteration = (uint)iteration,
                Path = workspace.InStore(path),
                TrainedAt = Timestamp.FromDateTime(File.GetLastWriteTimeUtc(marker)),
            });
        }
        return Task.FromResult(response);
    }

    private static Guid RunIdOf(string text) =>
        Guid.TryParse(text, out var id) ? id : throw RpcErrors.InvalidArgument("run_id", text.Length == 0 ? "is required" : $"'{text}' is not a run id (a UUID)");
}
