using System.Globalization;
using Dapr.Actors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Samsara.EmbeddedDapr;

namespace Samsara.Gateway.Actors;

/// <summary>
/// The gateway hosts RunActor and RunIndexActor with the Dapr .NET SDK (JSON on both sides). <c>Actors:Runtime</c>
/// says who plays daprd: <c>dapr</c>, the real sidecar the chart injects (found through DAPR_HTTP_PORT and
/// DAPR_API_TOKEN; daprd's calls checked against APP_API_TOKEN when set), or <c>embedded</c> (the default), an
/// <see cref="EmbeddedDaprSidecar"/> in this process with its state in <c>Gateway:StatePath</c>.
/// </summary>
public static class ActorHosting
{
    public static void AddRunActors(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var section = configuration.GetSection("Actors");
        var embedded = section["Runtime"]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "EMBEDDED" => true,
            "DAPR" => false,
            _ => throw new InvalidOperationException($"Actors:Runtime must be 'embedded' or 'dapr', not '{section["Runtime"]}'."),
        };
        var idleTimeout = Duration(section, "IdleTimeout") ?? TimeSpan.FromMinutes(60);
        var reentrant = Flag(section, "Reentrancy:Enabled");
        var services = builder.Services;
        services.AddActors(actors =>
        {
            actors.Actors.RegisterActor<RunActor>();
            actors.Actors.RegisterActor<RunIndexActor>();
            actors.ActorIdleTimeout = idleTimeout;
            actors.ReentrancyConfig = new ActorReentrancyConfig { Enabled = reentrant, MaxStackDepth = 32 };
            actors.UseJsonSerialization = true;
        });
        var appToken = configuration["APP_API_TOKEN"];
        services.AddAuthentication().AddDapr(dapr => dapr.Token = appToken ?? "");
        services.AddAuthorization(policies => policies.AddDapr(DaprAppToken.Policy));
        if (embedded)
        {
            var path = section["Embedded:Path"] ?? configuration[$"{GatewayOptions.SectionName}:StatePath"] ?? new GatewayOptions().StatePath;
            services.AddEmbeddedDaprSidecar(sidecar => sidecar.DatabasePath = path);
        }

        services.AddSingleton(new AppTokenRequirement(embedded || !string.IsNullOrEmpty(appToken)));
        services.AddSingleton<RunActors>();
    }

    /// <summary>The routes daprd calls (/dapr/config, actor methods, reminders, timers, deactivation, /healthz).</summary>
    public static void MapRunActors(this WebApplication app)
    {
        var handlers = app.MapActorsHandlers();
        if (app.Services.GetRequiredService<AppTokenRequirement>().Required) handlers.RequireAuthorization(DaprAppToken.Policy);
    }

    private static TimeSpan? Duration(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value
        : throw new InvalidOperationException($"Actors:{key} must be a positive duration such as 00:10:00, not '{text}'.");

    private static bool Flag(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } text ? false
        : bool.TryParse(text, out var value) ? value
        : throw new InvalidOperationException($"Actors:{key} must be true or false, not '{text}'.");

    /// <summary>Whether daprd's calls must carry the app token: always with the embedded sidecar, with daprd when APP_API_TOKEN is set.</summary>
    private sealed record AppTokenRequirement(bool Required);
}
