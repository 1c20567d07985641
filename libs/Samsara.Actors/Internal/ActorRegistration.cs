using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Samsara.Actors.Internal;

/// <summary>
/// A registered actor type: its name, how to construct it (DI services plus its <see cref="ActorHost"/>),
/// and its callable methods, collected once from the interfaces that extend <see cref="IActor"/>.
/// </summary>
internal sealed class ActorRegistration
{
    private const BindingFlags InstanceMethods = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private readonly ObjectFactory factory;

    private ActorRegistration(string typeName, Type actorClass, IReadOnlyDictionary<string, ActorMethod> methods)
    {
        TypeName = typeName;
        ActorClass = actorClass;
        Methods = methods;
        factory = ActivatorUtilities.CreateFactory(actorClass, [typeof(ActorHost)]);
    }

    public string TypeName { get; }

    public Type ActorClass { get; }

    public IReadOnlyDictionary<string, ActorMethod> Methods { get; }

    public bool IsRemindable => typeof(IRemindable).IsAssignableFrom(ActorClass);

    public static ActorRegistration Create(Type actorClass, string? typeName)
    {
        if (!typeof(Actor).IsAssignableFrom(actorClass) || actorClass.IsAbstract)
        {
            throw new ArgumentException($"{actorClass.Name} must be a concrete subclass of Actor.", nameof(actorClass));
        }

        var name = typeName ?? actorClass.GetCustomAttribute<ActorAttribute>()?.TypeName ?? actorClass.Name;
        ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(typeName));

        var methods = new Dictionary<string, ActorMethod>(StringComparer.Ordinal);
        foreach (var contract in actorClass.GetInterfaces().Where(i => i != typeof(IActor) && typeof(IActor).IsAssignableFrom(i)))
        {
            foreach (var method in contract.GetMethods())
            {
                // The protocol routes by method name alone, so overloads would be ambiguous on the wire.
                if (!methods.TryAdd(method.Name, ActorMethod.Create(method)))
                {
                    throw new InvalidOperationException($"Actor {name} has two callable methods named {method.Name}; names must be unique.");
                }
            }
        }

        return new ActorRegistration(name, actorClass, methods);
    }

    public Actor Create(IServiceProvider services, ActorHost host) => (Actor)factory(services, [host]);

    /// <summary>A timer callback: an instance method taking nothing or one byte[] and returning Task.</summary>
    public MethodInfo GetTimerCallback(string callback)
    {
        var candidates = ActorClass.GetMethods(InstanceMethods)
            .Where(m => m.Name == callback && m.ReturnType == typeof(Task))
            .Where(m => m.GetParameters() is [] || (m.GetParameters() is [var only] && only.ParameterType == typeof(byte[])))
            .ToList();
        return candidates.Count == 1
            ? candidates[0]
            : throw new ArgumentException($"Actor {TypeName} has no single timer callback {callback}() or {callback}(byte[]) returning Task.", nameof(callback));
    }

    public Task InvokeTimerCallbackAsync(Actor actor, string callback, byte[] state)
    {
        var method = GetTimerCallback(callback);
        object?[] arguments = method.GetParameters().Length == 0 ? [] : [state];
        return (Task)method.Invoke(actor, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null)!;
    }
}
