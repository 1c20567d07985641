namespace Samsara.Actors;

/// <summary>
/// Implemented by actors that register reminders (Dapr's <c>IRemindable</c>). A reminder callback is a turn
/// like any other: it activates the actor if needed, and its state changes commit when it returns.
/// </summary>
public interface IRemindable
{
    /// <param name="reminderName">The name the reminder was registered under.</param>
    /// <param name="state">The bytes given at registration (empty when none).</param>
    /// <param name="dueTime">The due time given at registration.</param>
    /// <param name="period">The period given at registration; <see cref="Timeout.InfiniteTimeSpan"/> for a one-shot reminder.</param>
    Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period);
}
