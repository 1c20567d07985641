using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.InMemory;

public class When_a_consumer_always_fails
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static Task<HarnessedBus> StartJudge() => HarnessedBus.StartAsync(b =>
    {
        b.AddSamsaraConsumer<FaultingConsumer<EvaluationTask>>(QueueNames.Judge);
        ErrorQueueReader<EvaluationTask>.On(b, QueueNames.ErrorQueueOf(QueueNames.Judge));
    });

    [Fact]
    public async Task Should_move_the_message_to_the_error_queue_after_the_configured_retries_with_the_reason()
    {
        await using var bus = await StartJudge();
        var poison = Sample.EvaluationTask(Guid.NewGuid());
        bus.Faults.Poison(poison.RunId);

        await bus.Harness.Bus.SendCommand(poison);

        var dead = await bus.ErrorQueue<EvaluationTask>().WaitFor(d => d.Message.EventId == poison.EventId, Timeout);
        Assert.Equal("samsara-judge_error", dead.Queue);
        Assert.Equal(Faults.PoisonReason, dead.Header(MessageHeaders.FaultMessage));
        Assert.Equal(typeof(InvalidOperationException).FullName, dead.Header(MessageHeaders.FaultExceptionType));
        Assert.Equal(Settings.RetryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), dead.Header(MessageHeaders.FaultRetryCount));
        // The first attempt and each retry.
        Assert.Equal(Settings.RetryLimit + 1, bus.Recorder<EvaluationTask>().Attempts.Count(a => a.Message.EventId == poison.EventId));
        Assert.Empty(bus.Recorder<EvaluationTask>().Deliveries);
    }

    [Fact]
    public async Task Should_publish_the_fault_for_the_run_to_be_marked_failed()
    {
        await using var bus = await StartJudge();
        var poison = Sample.EvaluationTask(Guid.NewGuid());
        bus.Faults.Poison(poison.RunId);

        await bus.Harness.Bus.SendCommand(poison);

        Assert.True(await bus.Harness.Published.Any<Fault<EvaluationTask>>(f => f.Context.Message.Message.RunId == poison.RunId));
        var fault = bus.Harness.Published.Select<Fault<EvaluationTask>>().First().Context.Message;
        Assert.Equal(Faults.PoisonReason, fault.Exceptions.Single().Message);
    }

    [Fact]
    public async Task Should_not_mark_it_processed_nor_hold_up_other_runs()
    {
        await using var bus = await StartJudge();
        var poison = Sample.EvaluationTask(Guid.NewGuid());
        var healthy = Sample.EvaluationTask(Guid.NewGuid());
        bus.Faults.Poison(poison.RunId);

        await bus.Harness.Bus.SendCommand(poison);
        await bus.Harness.Bus.SendCommand(healthy);

        await bus.Recorder<EvaluationTask>().WaitFor(d => d.Message.RunId == healthy.RunId, Timeout);
        await bus.ErrorQueue<EvaluationTask>().WaitFor(d => d.Message.RunId == poison.RunId, Timeout);
        var store = bus.Services.GetRequiredService<IProcessedEventStore>();
        Assert.False(await store.HasProcessedAsync(QueueNames.Judge, poison.EventId, CancellationToken.None));
        Assert.True(await store.HasProcessedAsync(QueueNames.Judge, healthy.EventId, CancellationToken.None));
    }
}
