namespace Samsara.Endpoints;

/// <summary>
/// An endpoint request that failed for good: a client error (unknown model, bad request, bad key), an answer that
/// is not OpenAI's JSON, or a transient failure that outlasted every retry. The message names the endpoint and
/// what went wrong; <see cref="StatusCode"/> is the HTTP status where there was one.
/// </summary>
public sealed class EndpointException : Exception
{
    public EndpointException(string message, int? statusCode = null, Exception? inner = null) : base(message, inner) => StatusCode = statusCode;

    public EndpointException()
    {
    }

    public EndpointException(string message) : base(message)
    {
    }

    public EndpointException(string message, Exception inner) : base(message, inner)
    {
    }

    public int? StatusCode { get; }
}
