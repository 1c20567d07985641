namespace Samsara.Actors.Internal;

/// <summary>One key written by a turn: its new JSON value, or null when the turn removed it.</summary>
internal readonly record struct StateChange(string Key, byte[]? Value);
