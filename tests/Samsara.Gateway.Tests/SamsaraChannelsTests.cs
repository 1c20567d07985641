using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samsara.Api;
using Samsara.Api.V1;

namespace Samsara.Gateway.Tests;

/// <summary>Samsara's client channels retry UNAVAILABLE (a restarting host, a broker away) as their service config says.</summary>
public sealed class SamsaraChannelsTests
{
    [Fact]
    public async Task A_call_that_meets_unavailable_twice_succeeds_on_the_third_attempt()
    {
        await using var host = await FlakyHost.StartAsync(failures: 2);
        using var channel = SamsaraChannels.ForAddress(host.Address);
        var run = await new RunService.RunServiceClient(channel).GetRunAsync(new GetRunRequest { RunId = "r" });
        Assert.Equal("r", run.Id);
        Assert.Equal(3, host.Service.Calls);
    }

    [Fact]
    public async Task A_plain_channel_gives_up_at_the_first_unavailable_and_retries_stop_at_the_policy_limit()
    {
        await using var host = await FlakyHost.StartAsync(failures: 100);
        using (var plain = GrpcChannel.ForAddress(host.Address))
        {
            var e = await Assert.ThrowsAsync<RpcException>(async () => await new RunService.RunServiceClient(plain).GetRunAsync(new GetRunRequest { RunId = "r" }));
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Equal(1, host.Service.Calls);
        }
        using var retrying = SamsaraChannels.ForAddress(host.Address);
        var last = await Assert.ThrowsAsync<RpcException>(async () => await new RunService.RunServiceClient(retrying).GetRunAsync(new GetRunRequest { RunId = "r" }));
        Assert.Equal(StatusCode.Unavailable, last.StatusCode);
        Assert.Equal(1 + SamsaraChannels.Retry.MaxAttempts, host.Service.Calls);
    }

    private sealed class FlakyRunService(int failures) : RunService.RunServiceBase
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public override Task<Run> GetRun(GetRunRequest request, ServerCallContext context) =>
            Interlocked.Increment(ref calls) <= failures
                ? throw new RpcException(new Status(StatusCode.Unavailable, "restarting"))
                : Task.FromResult(new Run { Id = request.RunId });
    }

    private sealed class FlakyHost(WebApplication app, FlakyRunService service) : IAsyncDisposable
    {
        public FlakyRunService Service { get; } = service;

        public string Address => app.Urls.First();

        public static async Task<FlakyHost> StartAsync(int failures)
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0").ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
            var service = new FlakyRunService(failures);
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(service);
            var app = builder.Build();
            app.MapGrpcService<FlakyRunService>();
            await app.StartAsync();
            return new FlakyHost(app, service);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
