using Samsara.Actors.Internal.Embedded;

namespace Samsara.Actors.Internal;

internal enum TurnKind
{
    Activation,
    Method,
    Reminder,
    Timer,
    Deactivation,
}

/// <summary>
/// One turn of one actor: what it is delivering and what it asked for besides state. Only one exists per
/// actor at a time (the slot's gate), so nothing here needs locking.
/// </summary>
internal sealed class ActorTurn(TurnKind kind, string? callbackName = null)
{
    public TurnKind Kind { get; } = kind;

    /// <summary>The reminder or timer being delivered, when this turn is a callback.</summary>
    public string? CallbackName { get; } = callbackName;

    /// <summary>
    /// The actor unregistered the reminder or timer it is being called for. The Dapr runtime answers with
    /// <c>X-DaprReminderCancel: true</c> instead of calling daprd back from inside the callback.
    /// </summary>
    public bool CancelCallback { get; set; }

    /// <summary>
    /// Embedded runtime only: reminder changes written in the same SQLite transaction as the turn's state,
    /// so a failed or crashed turn neither loses nor half-applies them. The Dapr runtime leaves it empty.
    /// </summary>
    public List<ReminderChange> ReminderChanges { get; } = [];

    public bool IsDelivering(TurnKind callbackKind, string name) =>
        Kind == callbackKind && string.Equals(CallbackName, name, StringComparison.Ordinal);
}
