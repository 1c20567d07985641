using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Engine;
using Samsara.Engine.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Stages.Internal;

/// <summary>
/// How a stage fails (docs/architecture.md §10). An error in the run's own input (spec, data, model files) would fail the same
/// way on every retry: it becomes a <see cref="StageFaulted"/> naming the reason, and the message counts as handled.
/// Anything else (an <see cref="IOException"/> on a busy volume, the bus stopping) is thrown back to MassTransit,
/// which retries it and finally moves it to the error queue.
/// </summary>
internal static class StageFaults
{
    public static bool IsInputError(Exception e) => e is StageInputException or ArgumentException or FormatException
        or FileNotFoundException or DirectoryNotFoundException or JsonException or InvalidProtocolBufferException
        or ModelFormatException or JsonlException or System.Runtime.InteropServices.ExternalException
        // An endpoint's refusal (unknown model, bad key, bad request) repeats on every retry; its 429/5xx/timeouts may not.
        or Endpoints.EndpointException { StatusCode: >= 400 and < 500 and not (408 or 409 or 429) };

    /// <summary>
    /// Runs <paramref name="work"/> in a span of its own (a child of MassTransit's consume span, so of the run's trace;
    /// a background job publishes on the bus, a consume on its context),
    /// records its duration, and turns an input error into a published <see cref="StageFaulted"/>.
    /// </summary>
    public static async Task GuardAsync(IPublishEndpoint publish, IRunMessage message, PipelineStage stage, ILogger logger, Func<Task> work)
    {
        using var activity = StageTelemetry.StartWork(stage, message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (IsInputError(e))
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            StagesLog.StageFaulted(logger, stage, message.RunId, e.Message);
            await publish.Publish(new StageFaulted
            {
                RunId = message.RunId,
                // One fault per run and stage: a redelivered bad message repeats the same event, not a new failure.
                EventId = EventIds.For(message.RunId, $"faulted/{stage}"),
                OccurredAt = DateTimeOffset.UtcNow,
                Stage = stage,
                Reason = e.Message,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            StageTelemetry.RecordDuration(stage, Stopwatch.GetElapsedTime(started));
        }
    }
}
