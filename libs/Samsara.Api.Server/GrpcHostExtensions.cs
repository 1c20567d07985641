using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samsara.Api.Auth;
using Samsara.ServiceDefaults;

namespace Samsara.Api.Server;

/// <summary>How a Samsara host serves gRPC: the same authentication, limits, health and reflection everywhere.</summary>
public static class GrpcHostExtensions
{
    /// <summary>
    /// grpc-dotnet with <see cref="ApiKeyInterceptor"/> on every service and the <c>Grpc</c> section's size limits,
    /// gRPC health (grpc.health.v1, bound to the ASP.NET Core health checks: "" and "ready" are every check, readiness
    /// included; "live" only the liveness checks — see <see cref="GrpcHealthServices"/>)
    /// and reflection. Endpoints default to HTTP/2 only: without TLS there is no ALPN, and gRPC clients speak HTTP/2
    /// with prior knowledge; a deployment adds an Http1 endpoint for HTTP probes (the chart does).
    /// </summary>
    /// <param name="moreKeys">Keys the host accepts besides <c>Grpc:ApiKeys</c> (the gateway's <c>Gateway:ApiKeys</c>).</param>
    public static TBuilder AddSamsaraGrpc<TBuilder>(this TBuilder builder, Func<IServiceProvider, IEnumerable<ApiKeyOptions>>? moreKeys = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<KestrelServerOptions>(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        services.AddValidatedOptions<GrpcHostOptions>(builder.Configuration, GrpcHostOptions.SectionName);
        // One list: a key given in both places (the chart's Secret gives the gateway both) counts once; the same name
        // with another hash or role is still the configuration error ApiKeyAuthenticator reports.
        services.TryAddSingleton(p => new ApiKeyAuthenticator(
            p.GetRequiredService<IOptions<GrpcHostOptions>>().Value.ApiKeys.Concat(moreKeys?.Invoke(p) ?? [])
                .Select(k => new ApiKey(k.Name, k.Sha256.ToLowerInvariant(), k.Admin)).Distinct()));
        services.AddSingleton<ApiKeyInterceptor>();
        services.AddSingleton<IConfigureOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>, ConfigureGrpcLimits>();
        services.AddGrpc(o => o.Interceptors.Add<ApiKeyInterceptor>());
        services.AddGrpcHealthChecks(o =>
        {
            o.Services.Map(GrpcHealthServices.Live, check => check.Tags.Contains(HealthTags.Live));
            o.Services.Map(GrpcHealthServices.Ready, _ => true);
        });
        services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Readiness includes the artifact store: a host that cannot write its outputs must not take work.</summary>
    public static TBuilder AddArtifactStoreReadiness<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck<ArtifactStoreHealthCheck>("artifact-store");
        return builder;
    }

    /// <summary>Maps grpc.health.v1.Health and server reflection (v1 and v1alpha), both open to callers without a key.</summary>
    /// <remarks>With <c>Grpc:Web</c>, every gRPC service of the host also answers gRPC-Web.</remarks>
    public static WebApplication MapSamsaraGrpcDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<GrpcHostOptions>>().Value.Web)
            app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    private sealed class ConfigureGrpcLimits(IOptions<GrpcHostOptions> host) : IConfigureOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>
    {
        public void Configure(Grpc.AspNetCore.Server.GrpcServiceOptions options)
        {
            options.MaxReceiveMessageSize = host.Value.MaxReceiveMessageBytes;
            options.MaxSendMessageSize = host.Value.MaxSendMessageBytes;
            // Failures show their message to the caller only through RpcException; nothing else leaks.
            options.EnableDetailedErrors = false;
            if (host.Value.ResponseCompression.Length > 0)
            {
                options.ResponseCompressionAlgorithm = host.Value.ResponseCompression;
                options.ResponseCompressionLevel = System.IO.Compression.CompressionLevel.Fastest;
            }
        }
    }
}
