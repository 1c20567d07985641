namespace Samsara.Engine.Data;

/// <summary>A JSONL input that cannot be used; the message names the file and the line.</summary>
public sealed class JsonlException(string message) : Exception(message);
