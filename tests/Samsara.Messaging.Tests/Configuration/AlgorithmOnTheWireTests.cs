using System.Text.Json;
using MassTransit.Serialization;
using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.Configuration;

/// <summary>The bus's own JSON (MassTransit's System.Text.Json options) writes a training algorithm as its name.</summary>
public class AlgorithmOnTheWireTests
{
    [Fact]
    public void A_training_event_carries_the_algorithms_name_not_a_number()
    {
        using var json = JsonSerializer.SerializeToDocument(Sample.TrainingCompleted(Guid.NewGuid()), SystemTextJsonMessageSerializer.Options);

        Assert.Equal("Sami", json.RootElement.GetProperty("algorithm").GetString());
    }

    [Fact]
    public void A_command_of_the_older_lower_case_wire_still_reads()
    {
        var json = JsonSerializer.Serialize(Sample.TrainingCompleted(Guid.NewGuid()), SystemTextJsonMessageSerializer.Options)
            .Replace("\"Sami\"", "\"sami\"", StringComparison.Ordinal);
        Assert.Contains("\"sami\"", json, StringComparison.Ordinal);

        Assert.Equal(TrainingAlgorithm.Sami, JsonSerializer.Deserialize<TrainingCompleted>(json, SystemTextJsonMessageSerializer.Options)!.Algorithm);
    }
}
