namespace Samsara.Torch;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while it was the innermost scope, except the
/// ones moved out with <see cref="MoveToOuter"/>. Intermediates of a forward pass need no `using` each:
/// <code>using (Torch.NewDisposeScope()) { … return logits.MoveToOuterDisposeScope(); }</code>
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    internal void Register(Tensor tensor) => tensors.Add(tensor);

    /// <summary>Hands the tensor to the enclosing scope (or to the caller, when there is none).</summary>
    public void MoveToOuter(Tensor tensor)
    {
        if (tensors.Remove(tensor)) outer?.Register(tensor);
    }

    /// <summary>Keeps the tensor alive past this scope and every enclosing one; the caller disposes it.</summary>
    public void Detach(Tensor tensor)
    {
        for (var scope = this; scope is not null; scope = scope.outer)
            scope.tensors.Remove(tensor);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be disposed in the reverse order of creation");
        current = outer;
        foreach (var tensor in tensors) tensor.Dispose();
        tensors.Clear();
    }
}
