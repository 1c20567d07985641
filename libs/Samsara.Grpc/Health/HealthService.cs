using System.Collections.Concurrent;
using Samsara.Grpc.Health.V1;
using Samsara.Grpc.Internal.Health;
using ServingStatus = Samsara.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Samsara.Grpc.Health;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service. Statuses are kept per service name ("" is the server as a
/// whole) and set with <see cref="SetStatus"/>; when made by <c>AddGrpcHealthChecks</c>, the services mapped in
/// <see cref="GrpcHealthChecksOptions"/> get their status from ASP.NET Core health checks instead.
/// </summary>
public sealed class HealthService : IGrpcService
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod = new(ServiceDescriptor.FindMethodByName("Check"));
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod = new(ServiceDescriptor.FindMethodByName("Watch"));

    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly HealthWatchers _watchers = new();
    private readonly HealthCheckStatusEvaluator? _evaluator;

    public HealthService()
    {
    }

    internal HealthService(HealthCheckStatusEvaluator evaluator)
    {
        _evaluator = evaluator;
    }

    private static Google.Protobuf.Reflection.ServiceDescriptor ServiceDescriptor =>
        HealthReflection.Descriptor.Services.Single(s => s.FullName == "grpc.health.v1.Health");

    /// <summary>Sets a service's status; watchers of that service are told if it changed.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        _statuses[service] = status;
        _watchers.Notify(service, status);
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND, watchers see SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (_statuses.TryRemove(service, out _)) _watchers.Notify(service, ServingStatus.ServiceUnknown);
    }

    public void ClearAll()
    {
        foreach (var service in _statuses.Keys) ClearStatus(service);
    }

    public async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var status = await CurrentStatusAsync(request.Service, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Service '{request.Service}' is unknown."));
        return new HealthCheckResponse { Status = status };
    }

    /// <summary>Sends the current status, then each change, until the client cancels; an unknown service is SERVICE_UNKNOWN, not an error.</summary>
    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var token = context.CancellationToken;
        // Subscribe before reading the current status, so a change in between is not lost.
        var updates = _watchers.Add(request.Service);
        try
        {
            var last = await CurrentStatusAsync(request.Service, token).ConfigureAwait(false) ?? ServingStatus.ServiceUnknown;
            await responseStream.WriteAsync(new HealthCheckResponse { Status = last }, token).ConfigureAwait(false);
            await foreach (var status in updates.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (status == last) continue;
                last = status;
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, token).ConfigureAwait(false);
            }
        }
        finally
        {
            _watchers.Remove(request.Service, updates);
        }
    }

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder()
            .AddMethod(CheckMethod, Check)
            .AddMethod(WatchMethod, Watch)
            .AddDescriptor(ServiceDescriptor)
            .Build();

    private async Task<ServingStatus?> CurrentStatusAsync(string service, CancellationToken cancellationToken)
    {
        if (_evaluator is not null && _evaluator.Handles(service))
        {
            // Run the health checks now rather than answer with the publisher's last (up to 30 s old) result.
            var status = await _evaluator.EvaluateAsync(service, cancellationToken).ConfigureAwait(false);
            SetStatus(service, status);
            return status;
        }
        return _statuses.TryGetValue(service, out var known) ? known : null;
    }
}
