using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>One method of a <see cref="ServerServiceDefinition"/>: its route and how to make its call handler.</summary>
internal sealed record ServerMethodBinding(string ServiceName, string MethodName, string Path, Func<GrpcServiceOptions, ILogger, ServerCallHandler> CreateHandler);
