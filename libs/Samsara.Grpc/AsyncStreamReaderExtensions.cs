using System.Runtime.CompilerServices;

namespace Samsara.Grpc;

public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads the stream to its end as an async sequence (<c>await foreach</c>).</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}
