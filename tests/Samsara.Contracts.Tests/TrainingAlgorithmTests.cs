using System.Text.Json;
using Samsara.Contracts;

namespace Samsara.Contracts.Tests;

/// <summary>The one algorithm type: its wire form, and its one mapping to the workspace's names.</summary>
public class TrainingAlgorithmTests
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    public static TheoryData<TrainingAlgorithm> Algorithms() => new(Enum.GetValues<TrainingAlgorithm>());

    private static TrainModel Command(TrainingAlgorithm algorithm) => new()
    {
        RunId = Guid.Empty, EventId = Guid.Empty, OccurredAt = DateTimeOffset.UnixEpoch, Algorithm = algorithm, Iteration = 2,
    };

    [Fact]
    public void A_command_writes_the_algorithm_as_its_name()
    {
        var json = JsonSerializer.Serialize(Command(TrainingAlgorithm.SftSami), Wire);

        Assert.Contains("\"algorithm\":\"SftSami\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sft", TrainingAlgorithm.Sft)]
    [InlineData("dpo", TrainingAlgorithm.Dpo)]
    [InlineData("sami", TrainingAlgorithm.Sami)]
    [InlineData("sftsami", TrainingAlgorithm.SftSami)]
    public void A_message_of_the_lower_case_wire_still_reads(string name, TrainingAlgorithm expected)
    {
        var json = $$"""{"runId":"{{Guid.Empty}}","eventId":"{{Guid.Empty}}","occurredAt":"1970-01-01T00:00:00+00:00","algorithm":"{{name}}","iteration":2}""";

        Assert.Equal(Command(expected), JsonSerializer.Deserialize<TrainModel>(json, Wire));
    }

    [Fact]
    public void An_unknown_algorithm_on_the_wire_is_refused()
    {
        var json = $$"""{"runId":"{{Guid.Empty}}","eventId":"{{Guid.Empty}}","occurredAt":"1970-01-01T00:00:00+00:00","algorithm":"ppo","iteration":2}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrainModel>(json, Wire));
    }

    [Fact]
    public void The_workspace_names_are_the_ones_on_disk()
    {
        Assert.Equal(["sft", "dpo", "sami", "sftsami"], TrainingAlgorithms.All.Select(a => a.Name()));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_name_maps_back_to_its_algorithm(TrainingAlgorithm algorithm)
    {
        Assert.Equal(algorithm, TrainingAlgorithms.FromName(algorithm.Name()));
    }

    [Theory]
    [InlineData("SFT")]
    [InlineData("sft_sami")]
    [InlineData("")]
    public void Other_text_names_no_algorithm(string text)
    {
        Assert.Null(TrainingAlgorithms.FromName(text));
    }

    [Fact]
    public void Sft_sami_trains_with_the_sami_recipe_and_the_others_with_their_own()
    {
        Assert.Equal([TrainingAlgorithm.Sft, TrainingAlgorithm.Dpo, TrainingAlgorithm.Sami, TrainingAlgorithm.Sami], TrainingAlgorithms.All.Select(a => a.Recipe()));
    }
}
