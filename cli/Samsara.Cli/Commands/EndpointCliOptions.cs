using System.CommandLine;
using Samsara.Endpoints;

namespace Samsara.Cli.Commands;

/// <summary>
/// The options that point a command at an OpenAI-compatible endpoint instead of a local model. The key comes from
/// the environment (<see cref="EndpointOptions.ApiKeyVariable"/>), never from the command line, where it would land
/// in shell history and process listings.
/// </summary>
internal sealed class EndpointCliOptions
{
    public Option<string?> Url { get; } = new("--endpoint") { Description = $"OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1 (key from ${EndpointOptions.ApiKeyVariable})" };
    public Option<string?> Model { get; } = new("--endpoint-model") { Description = "The served model's name (required with --endpoint)" };
    public Option<string> Api { get; } = new("--endpoint-api") { Description = "completions (the prompt as text) or chat (the prompt as one user message)", DefaultValueFactory = _ => "completions" };
    public Option<int> Concurrency { get; } = new("--endpoint-concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 8 };
    public Option<double> Timeout { get; } = new("--endpoint-timeout") { Description = "Seconds one request may take before it is retried", DefaultValueFactory = _ => 300 };
    public Option<int> Attempts { get; } = new("--endpoint-attempts") { Description = "Tries per request before a 429/5xx/timeout is an error", DefaultValueFactory = _ => 6 };
    public Option<bool> Stream { get; } = new("--endpoint-stream") { Description = "Receive answers as SSE streams" };

    public IEnumerable<Option> All => [Url, Model, Api, Concurrency, Timeout, Attempts, Stream];

    public bool IsSet(ParseResult parse) => parse.GetValue(Url) is not null;

    public EndpointOptions Read(ParseResult parse)
    {
        var url = parse.GetValue(Url) ?? throw new ArgumentException("--endpoint URL is required");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new ArgumentException($"--endpoint '{url}' is not an absolute URL");
        var options = new EndpointOptions
        {
            BaseUrl = uri,
            Model = parse.GetValue(Model) ?? throw new ArgumentException("--endpoint needs --endpoint-model NAME (the name its /v1/models lists)"),
            MaxConcurrency = parse.GetValue(Concurrency),
            RequestTimeout = parse.GetValue(Timeout) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException("--endpoint-timeout must be positive"),
            MaxAttempts = parse.GetValue(Attempts),
            Stream = parse.GetValue(Stream),
        };
        options.Validate();
        return options;
    }

    public EndpointApi ReadApi(ParseResult parse) => parse.GetValue(Api) switch
    {
        "completions" => EndpointApi.Completions,
        "chat" => EndpointApi.Chat,
        var other => throw new ArgumentException($"--endpoint-api must be completions or chat, not '{other}'"),
    };
}
