namespace Samsara.Engine;

/// <summary>A model directory that cannot be used as given; the message names the file and the field or tensor.</summary>
public sealed class ModelFormatException(string message) : Exception(message);
