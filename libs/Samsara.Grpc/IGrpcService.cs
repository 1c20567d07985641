namespace Samsara.Grpc;

/// <summary>
/// A service class that binds its own methods, so it can be mapped with <c>MapGrpcService&lt;TService&gt;()</c>.
/// The counterpart of the <c>BindService</c> that grpc_csharp_plugin generates.
/// </summary>
public interface IGrpcService
{
    ServerServiceDefinition BindService();
}
