using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samsara.Engine;

namespace Samsara.Serving;

/// <summary>
/// Builds the `samsara serve` web application: Kestrel on <paramref name="urls"/> (port 0 picks a free one), the
/// batching engine over <paramref name="model"/>, and the OpenAI routes. The caller owns the model; the app owns
/// the batcher and stops it when disposed.
/// </summary>
public static class ServingHost
{
    public static WebApplication Build(LanguageModel model, ServingOptions options, IEnumerable<string> urls, Action<ILoggingBuilder>? logging = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. urls]);
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new EngineBatcher(model, options));
        var app = builder.Build();
        app.MapOpenAiRoutes();
        return app;
    }
}
