namespace Samsara.Grpc;

/// <summary>
/// Base of a typed client: a class with one method per RPC that forwards to the channel, as grpc_csharp_plugin's
/// generated clients do (<c>new Health.HealthClient(channel).CheckAsync(request)</c>).
/// </summary>
public abstract class ClientBase
{
    protected ClientBase(GrpcChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Channel = channel;
    }

    protected GrpcChannel Channel { get; }
}
