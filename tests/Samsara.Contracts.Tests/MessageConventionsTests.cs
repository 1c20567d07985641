using System.Reflection;
using System.Runtime.CompilerServices;
using Samsara.Contracts;

namespace Samsara.Contracts.Tests;

/// <summary>The rules of style.md for messages, checked on every message type so a new one cannot drift.</summary>
public class MessageConventionsTests
{
    private static readonly string[] Commands = [nameof(GenerateShard), nameof(FilterRun), nameof(TrainModel), nameof(EvaluationTask), nameof(JudgeJobBatch)];

    // Run messages, and a judging job's (which belong to a job, not a run: JobId is their correlation id).
    private static readonly Type[] AllMessageTypes = typeof(IRunMessage).Assembly.GetExportedTypes()
        .Where(type => type.IsClass && typeof(IRunMessage).IsAssignableFrom(type))
        .Concat([typeof(JudgeJobBatch), typeof(JudgeJobBatchJudged)])
        .ToArray();

    public static TheoryData<Type> MessageTypes() => new(AllMessageTypes);

    [Fact]
    public void Every_message_of_the_design_exists()
    {
        string[] expected =
        [
            "RunRequested", "GenerateShard", "GenerationShardCompleted", "FilteringCompleted", "TrainingProgress",
            "TrainingCompleted", "EvaluationTask", "EvaluationTaskCompleted", "EvaluationCompleted", "CancelRunRequested",
            "RunCancelled", "StageFaulted", "JudgeJobBatch", "JudgeJobBatchJudged", "EvaluationProgress", "FilterRun", "TrainModel",
        ];
        var actual = AllMessageTypes.Select(type => type.Name).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), actual);
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void A_message_is_a_sealed_record_in_the_contracts_namespace(Type type)
    {
        Assert.True(type.IsSealed, $"{type.Name} should be sealed");
        Assert.Equal("Samsara.Contracts", type.Namespace);
        // The compiler gives records a clone method; classes do not have it.
        Assert.NotNull(type.GetMethod("<Clone>$"));
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void A_message_has_only_required_init_only_properties(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var setter = property.SetMethod;
            Assert.True(setter is not null && setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)),
                $"{type.Name}.{property.Name} should be init-only");
            Assert.True(property.IsDefined(typeof(RequiredMemberAttribute)), $"{type.Name}.{property.Name} should be required");
        }
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void A_message_declares_no_behaviour(Type type)
    {
        string[] recordMembers = ["ToString", "Equals", "GetHashCode", "PrintMembers", "<Clone>$", "op_Equality", "op_Inequality"];
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal))
            .Select(method => method.Name)
            .Where(name => !recordMembers.Contains(name));
        Assert.Empty(methods);
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Events_are_named_in_the_past_tense_and_commands_in_the_imperative(Type type)
    {
        if (Commands.Contains(type.Name))
            Assert.False(type.Name.EndsWith("ed", StringComparison.Ordinal), $"{type.Name} is a command");
        else if (type.Name is not (nameof(TrainingProgress) or nameof(EvaluationProgress))) // progress reports, named as the design names them
            Assert.True(type.Name.EndsWith("ed", StringComparison.Ordinal), $"{type.Name} should be in the past tense");
    }
}
