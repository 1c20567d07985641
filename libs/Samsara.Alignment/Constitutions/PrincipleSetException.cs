namespace Samsara.Alignment.Constitutions;

/// <summary>A principles file that cannot be used; the message names the file, the principle and the field.</summary>
public sealed class PrincipleSetException(string message) : Exception(message);
