namespace Samsara.Actors;

/// <summary>The result of a lookup that may find nothing (Dapr's <c>ConditionalValue&lt;T&gt;</c>); <c>default</c> is "nothing".</summary>
public readonly record struct ConditionalValue<TValue>(bool HasValue, TValue Value);
