using Samsara.Grpc.Health;
using Samsara.Grpc.Health.V1;
using Samsara.Grpc.Tests.Infrastructure;
using Samsara.Grpc.Tests.Interop;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = Samsara.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Samsara.Grpc.Tests.Services;

public sealed class HealthServiceTests
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = new(HealthReflection.Descriptor.Services[0].FindMethodByName("Check"));
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch = new(HealthReflection.Descriptor.Services[0].FindMethodByName("Watch"));

    [Fact]
    public async Task Check_follows_the_ASP_NET_Core_health_checks()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var service = new HealthCheckRequest { Service = TestServiceMethods.Service.FullName };
        Assert.Equal(ServingStatus.Serving, (await channel.UnaryAsync(Check, service)).Status);

        server.Health.Healthy = false;
        Assert.Equal(ServingStatus.NotServing, (await channel.UnaryAsync(Check, service)).Status);
        Assert.Equal(ServingStatus.NotServing, (await channel.UnaryAsync(Check, new HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_NOT_FOUND()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await channel.UnaryAsync(Check, new HealthCheckRequest { Service = "no.Such" }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_each_change()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var health = server.Services.GetRequiredService<HealthService>();
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var call = channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "samsara.v1.Runs" }, new CallOptions(CancellationToken: cancellation.Token));
        var stream = call.ResponseStream;

        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.ServiceUnknown, stream.Current.Status);
        health.SetStatus("samsara.v1.Runs", ServingStatus.Serving);
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);
        health.SetStatus("samsara.v1.Runs", ServingStatus.Serving);
        health.SetStatus("samsara.v1.Runs", ServingStatus.NotServing);
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);
        health.ClearStatus("samsara.v1.Runs");
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.ServiceUnknown, stream.Current.Status);
    }

    [Fact]
    public async Task Manual_service_without_health_checks_answers_what_was_set()
    {
        var health = new HealthService();
        health.SetStatus("a", ServingStatus.NotServing);
        var context = new FakeServerCallContext();
        Assert.Equal(ServingStatus.NotServing, (await health.Check(new HealthCheckRequest { Service = "a" }, context)).Status);
        health.ClearAll();
        await Assert.ThrowsAsync<RpcException>(() => health.Check(new HealthCheckRequest { Service = "a" }, context));
    }
}
