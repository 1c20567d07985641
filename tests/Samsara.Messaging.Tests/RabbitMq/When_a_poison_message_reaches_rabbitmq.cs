using Samsara.Testing.Broker;
using MassTransit;
using Samsara.Contracts;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.RabbitMq;

[Collection(RealBroker.Name)]
public class When_a_poison_message_reaches_rabbitmq
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_land_in_the_error_queue_with_the_reason_while_other_runs_go_on()
    {
        await using var service = await RabbitMqService.StartAsync(bus => bus.AddSamsaraConsumer<FaultingConsumer<EvaluationTask>>(QueueNames.Judge));
        var poison = Sample.EvaluationTask(Guid.NewGuid());
        var healthy = Sample.EvaluationTask(Guid.NewGuid());
        service.Faults.Poison(poison.RunId);

        await service.Bus.SendCommand(poison);
        await service.Bus.SendCommand(healthy);

        await service.Recorder<EvaluationTask>().WaitFor(d => d.Message.RunId == healthy.RunId, Timeout);
        var errorQueue = QueueNames.ErrorQueueOf(QueueNames.Judge);
        var dead = await DeadLetter.TakeAsync(errorQueue, m => m.GetProperty("runId").GetGuid() == poison.RunId, Timeout);
        Assert.Equal(Faults.PoisonReason, dead.Headers[MessageHeaders.FaultMessage]);
        Assert.Equal(typeof(InvalidOperationException).FullName, dead.Headers[MessageHeaders.FaultExceptionType]);
        Assert.Equal(Settings.RetryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), dead.Headers[MessageHeaders.FaultRetryCount]);
        Assert.Equal(poison.EventId, dead.Message.GetProperty("eventId").GetGuid());
        Assert.Equal(Settings.RetryLimit + 1, service.Recorder<EvaluationTask>().Attempts.Count(a => a.Message.RunId == poison.RunId));
        Assert.Contains(errorQueue, await Rabbitmqctl.ListQueuesAsync());
    }
}
