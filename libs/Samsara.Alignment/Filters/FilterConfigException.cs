namespace Samsara.Alignment.Filters;

/// <summary>A filter configuration that cannot be used; the message names the file (or option) and the field.</summary>
public sealed class FilterConfigException(string message) : Exception(message);
