using System.Text.Json;
using Samsara.Actors.Internal;

namespace Samsara.Actors;

/// <summary>
/// The actor types a service hosts and how they run (Dapr's <c>ActorRuntimeOptions</c>). Values are read
/// from the <c>Actors</c> configuration section first; the delegate given to AddSamsaraActors can then
/// change them and must register the actor types.
/// </summary>
public sealed class ActorRuntimeOptions
{
    private readonly List<ActorRegistration> registrations = [];

    public ActorRuntimeKind Runtime { get; set; } = ActorRuntimeKind.Embedded;

    /// <summary>An actor unused this long is deactivated (daprd's default: 60 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How often the embedded runtime looks for idle actors (daprd no longer reads this).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Told to daprd: how long it waits for calls in flight when actors move to another host.</summary>
    public TimeSpan DrainOngoingCallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Told to daprd: whether it drains calls before moving actors.</summary>
    public bool DrainRebalancedActors { get; set; } = true;

    /// <summary>For state values and method payloads: camelCase, case-insensitive reads (Dapr's defaults).</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    public EmbeddedActorOptions Embedded { get; } = new();

    public DaprActorOptions Dapr { get; } = new();

    internal IReadOnlyList<ActorRegistration> Registrations => registrations;

    /// <summary>Hosts <typeparamref name="TActor"/> under <paramref name="typeName"/> (default: [Actor] or the class name).</summary>
    public ActorRuntimeOptions RegisterActor<TActor>(string? typeName = null)
        where TActor : Actor
    {
        registrations.Add(ActorRegistration.Create(typeof(TActor), typeName));
        return this;
    }

    internal void Validate()
    {
        if (IdleTimeout <= TimeSpan.Zero || ScanInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Actors:IdleTimeout and Actors:ScanInterval must be positive.");
        }

        if (Runtime == ActorRuntimeKind.Embedded && string.IsNullOrWhiteSpace(Embedded.Path))
        {
            throw new InvalidOperationException("Actors:Embedded:Path is required when Actors:Runtime is embedded: it names the SQLite file that keeps actor state and reminders.");
        }
    }
}
