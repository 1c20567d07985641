using System.Text.Json;
using Samsara.Actors.Internal;

namespace Samsara.Actors;

/// <summary>
/// Calls methods of one actor by name with JSON payloads (Dapr's non-remoting <c>ActorProxy</c>). The call
/// is a turn of that actor; it waits for the actor's earlier turns. With reentrancy off (as configured for
/// daprd), an actor that calls itself, directly or through others, waits for itself forever: don't.
/// </summary>
public sealed class ActorProxy
{
    private readonly IActorInvoker invoker;
    private readonly JsonSerializerOptions json;

    internal ActorProxy(ActorId actorId, string actorType, IActorInvoker invoker, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(actorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actorType);
        ActorId = actorId;
        ActorType = actorType;
        this.invoker = invoker;
        this.json = json;
    }

    public ActorId ActorId { get; }

    public string ActorType { get; }

    /// <exception cref="ActorMethodInvocationException">The call failed.</exception>
    public async Task<TResponse> InvokeMethodAsync<TRequest, TResponse>(string method, TRequest data, CancellationToken cancellationToken = default) =>
        Read<TResponse>(await invoker.InvokeAsync(ActorType, ActorId, method, JsonSerializer.SerializeToUtf8Bytes(data, json), cancellationToken));

    public async Task<TResponse> InvokeMethodAsync<TResponse>(string method, CancellationToken cancellationToken = default) =>
        Read<TResponse>(await invoker.InvokeAsync(ActorType, ActorId, method, [], cancellationToken));

    public Task InvokeMethodAsync<TRequest>(string method, TRequest data, CancellationToken cancellationToken = default) =>
        invoker.InvokeAsync(ActorType, ActorId, method, JsonSerializer.SerializeToUtf8Bytes(data, json), cancellationToken);

    public Task InvokeMethodAsync(string method, CancellationToken cancellationToken = default) =>
        invoker.InvokeAsync(ActorType, ActorId, method, [], cancellationToken);

    private TResponse Read<TResponse>(byte[] body)
    {
        try
        {
            return body.Length == 0 ? default! : JsonSerializer.Deserialize<TResponse>(body, json)!;
        }
        catch (JsonException ex)
        {
            throw new ActorMethodInvocationException($"{ActorType}/{ActorId} answered with a body that is not a JSON {typeof(TResponse).Name}.", ex);
        }
    }
}
