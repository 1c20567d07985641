using Microsoft.AspNetCore.Http;
using Samsara.Grpc.Internal.Server;

namespace Samsara.Grpc;

public static class ServerCallContextExtensions
{
    /// <summary>The ASP.NET Core request behind a call (user, connection, request services).</summary>
    /// <exception cref="InvalidOperationException">The context is not one made by Samsara's server (e.g. a test fake).</exception>
    public static HttpContext GetHttpContext(this ServerCallContext context) =>
        (context as HttpContextServerCallContext)?.HttpContext
        ?? throw new InvalidOperationException("This call context does not come from an ASP.NET Core request.");
}
