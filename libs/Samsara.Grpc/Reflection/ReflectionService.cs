using Google.Protobuf.Reflection;
using Samsara.Grpc.Internal.Reflection;

namespace Samsara.Grpc.Reflection;

/// <summary>
/// gRPC server reflection, both <c>grpc.reflection.v1alpha</c> and <c>grpc.reflection.v1</c> (grpcurl and older
/// tools ask v1alpha, newer ones v1): lists the services and serves the .proto files that describe them, built from
/// the services' protobuf descriptors.
/// </summary>
public sealed class ReflectionService : IGrpcService
{
    private readonly Func<IReadOnlyList<string>> _serviceNames;
    private readonly Func<IReadOnlyList<ServiceDescriptor>> _descriptors;

    /// <summary>Describes a fixed set of services.</summary>
    public ReflectionService(IEnumerable<ServiceDescriptor> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var list = services.ToList();
        var names = list.Select(s => s.FullName).ToList();
        _serviceNames = () => names;
        _descriptors = () => list;
    }

    /// <summary>Describes whatever is mapped when a request arrives, so services mapped after reflection are seen too.</summary>
    internal ReflectionService(Func<IReadOnlyList<string>> serviceNames, Func<IReadOnlyList<ServiceDescriptor>> descriptors)
    {
        _serviceNames = serviceNames;
        _descriptors = descriptors;
    }

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder()
            .AddMethod(V1AlphaReflectionProtocol.Method, (requests, responses, context) =>
                V1AlphaReflectionProtocol.ServeAsync(CreateAnswerer(), requests, responses, context.CancellationToken))
            .AddMethod(V1ReflectionProtocol.Method, (requests, responses, context) =>
                V1ReflectionProtocol.ServeAsync(CreateAnswerer(), requests, responses, context.CancellationToken))
            .AddDescriptor(V1AlphaReflectionProtocol.Service)
            .AddDescriptor(V1ReflectionProtocol.Service)
            .Build();

    // One index per call: cheap to build, and always in step with what is mapped.
    private Func<ReflectionRequest, ReflectionAnswer> CreateAnswerer()
    {
        var index = new DescriptorIndex(_descriptors());
        return request => request switch
        {
            ReflectionRequest.FileByName r => index.FileByName(r.Name),
            ReflectionRequest.FileContainingSymbol r => index.FileContainingSymbol(r.Symbol),
            ReflectionRequest.FileContainingExtension r => index.FileContainingExtension(r.ContainingType, r.Number),
            ReflectionRequest.ExtensionNumbersOf r => index.ExtensionNumbersOf(r.Type),
            ReflectionRequest.ListServices => new ReflectionAnswer.Services(_serviceNames()),
            _ => new ReflectionAnswer.Error(StatusCode.Unimplemented, "Unsupported reflection request."),
        };
    }
}
