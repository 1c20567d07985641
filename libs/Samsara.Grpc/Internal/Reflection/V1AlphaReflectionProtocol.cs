using Samsara.Grpc.Reflection.V1Alpha;

namespace Samsara.Grpc.Internal.Reflection;

/// <summary>grpc.reflection.v1alpha.ServerReflection: translates its messages to and from <see cref="ReflectionAnswer"/>.</summary>
internal static class V1AlphaReflectionProtocol
{
    public static readonly Method<ServerReflectionRequest, ServerReflectionResponse> Method = new(
        ReflectionReflection.Descriptor.Services.Single().FindMethodByName("ServerReflectionInfo"));

    public static Google.Protobuf.Reflection.ServiceDescriptor Service => ReflectionReflection.Descriptor.Services.Single();

    /// <summary>Answers each request in order until the client ends its stream.</summary>
    public static async Task ServeAsync(
        Func<ReflectionRequest, ReflectionAnswer> answer, IAsyncStreamReader<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> responses, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var request = requests.Current;
            var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
            switch (answer(ToQuery(request)))
            {
                case ReflectionAnswer.Files files:
                    response.FileDescriptorResponse = new FileDescriptorResponse { FileDescriptorProto = { files.Descriptors } };
                    break;
                case ReflectionAnswer.Services services:
                    response.ListServicesResponse = new ListServiceResponse { Service = { services.Names.Select(n => new ServiceResponse { Name = n }) } };
                    break;
                case ReflectionAnswer.ExtensionNumbers numbers:
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = numbers.BaseTypeName, ExtensionNumber = { numbers.Numbers } };
                    break;
                case ReflectionAnswer.Error error:
                    response.ErrorResponse = new ErrorResponse { ErrorCode = (int)error.Code, ErrorMessage = error.Message };
                    break;
            }
            await responses.WriteAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ReflectionRequest ToQuery(ServerReflectionRequest request) => request.MessageRequestCase switch
    {
        ServerReflectionRequest.MessageRequestOneofCase.FileByFilename => new ReflectionRequest.FileByName(request.FileByFilename),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol => new ReflectionRequest.FileContainingSymbol(request.FileContainingSymbol),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension => new ReflectionRequest.FileContainingExtension(
            request.FileContainingExtension.ContainingType, request.FileContainingExtension.ExtensionNumber),
        ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType => new ReflectionRequest.ExtensionNumbersOf(request.AllExtensionNumbersOfType),
        ServerReflectionRequest.MessageRequestOneofCase.ListServices => new ReflectionRequest.ListServices(),
        _ => new ReflectionRequest.Unknown(),
    };
}
