using System.Text.Json;
using Samsara.Contracts;

namespace Samsara.Contracts.Tests;

/// <summary>Messages as System.Text.Json writes them with camelCase names, which is how MassTransit puts them on the wire.</summary>
public class MessageJsonTests
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_message_survives_a_round_trip_including_its_metrics()
    {
        var progress = new TrainingProgress
        {
            RunId = Guid.NewGuid(),
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.Parse("2025-01-02T03:04:05+00:00", System.Globalization.CultureInfo.InvariantCulture),
            Algorithm = TrainingAlgorithm.Sami,
            Step = 7,
            TotalSteps = 100,
            Loss = 0.3255,
            Metrics = new Dictionary<string, double> { ["mi_lower_bound"] = 0.3676, ["grad_norm"] = 0.4 },
            Iteration = 2,
        };

        var back = JsonSerializer.Deserialize<TrainingProgress>(JsonSerializer.Serialize(progress, Wire), Wire)!;

        Assert.Equal(progress with { Metrics = back.Metrics }, back);
        Assert.Equal(progress.Metrics, back.Metrics);
    }

    [Fact]
    public void A_training_completion_names_the_model_and_not_what_comes_next()
    {
        var completed = new TrainingCompleted
        {
            RunId = Guid.NewGuid(),
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UnixEpoch,
            Algorithm = TrainingAlgorithm.Dpo,
            CheckpointPath = "runs/x/models/dpo",
            Iteration = 1,
        };

        var json = JsonSerializer.Serialize(completed, Wire);

        // The RunActor's flow decides what follows a training; the trainer does not say whether it was the last.
        Assert.DoesNotContain("isLast", json, StringComparison.Ordinal);
        Assert.Contains("\"iteration\":1", json, StringComparison.Ordinal);
        Assert.Equal(completed, JsonSerializer.Deserialize<TrainingCompleted>(json, Wire));
    }

    [Fact]
    public void A_run_request_carries_no_algorithm_since_a_run_trains_all_of_its_spec()
    {
        Assert.Null(typeof(RunRequested).GetProperty("Algorithm"));
    }

    [Fact]
    public void A_stage_is_written_as_its_name()
    {
        var faulted = new StageFaulted
        {
            RunId = Guid.NewGuid(),
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UnixEpoch,
            Stage = PipelineStage.Training,
            Reason = "CUDA out of memory",
        };

        var json = JsonSerializer.Serialize(faulted, Wire);

        Assert.Contains("\"stage\":\"Training\"", json, StringComparison.Ordinal);
        Assert.Equal(PipelineStage.Training, JsonSerializer.Deserialize<StageFaulted>(json, Wire)!.Stage);
    }

    [Fact]
    public void A_message_without_its_run_id_is_rejected_rather_than_read_as_empty()
    {
        const string json = """{"eventId":"5b1d0a8e-7c1f-4d55-8f0e-3a2b1c0d9e8f","occurredAt":"2025-01-01T00:00:00Z","reportPath":"runs/x/evaluation/report.json"}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EvaluationCompleted>(json, Wire));
        Assert.Contains("runId", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
