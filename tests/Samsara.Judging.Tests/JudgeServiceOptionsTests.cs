using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samsara.Endpoints.Judging;
using Samsara.Judging.Backends;
using Samsara.Stages;
using Samsara.Stages.Judging;

namespace Samsara.Judging.Tests;

/// <summary>The judge service's <c>Judging</c> options: the OpenAI endpoint settings are checked under their keys, and openai: tasks get a real backend.</summary>
public sealed class JudgeServiceOptionsTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSamsaraJudging(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Bad_endpoint_settings_are_reported_under_their_configuration_keys()
    {
        using var provider = Provider(new() { ["Judging:OpenAi:MaxConcurrency"] = "0", ["Judging:OpenAi:MaxTokens"] = "4", ["Judging:OpenAi:RateLimitPatienceSeconds"] = "-5" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JudgingOptions>>().Value);

        Assert.Contains("Judging:OpenAi:MaxConcurrency:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Judging:OpenAi:MaxTokens:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Judging:OpenAi:RateLimitPatienceSeconds:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_price_without_its_model_or_below_zero_is_reported_under_its_key()
    {
        using var provider = Provider(new()
        {
            ["Judging:OpenAi:Prices:0:Model"] = "gpt-judge", ["Judging:OpenAi:Prices:0:InputPerMillion"] = "2.5",
            ["Judging:OpenAi:Prices:1:Model"] = "cheap", ["Judging:OpenAi:Prices:1:OutputPerMillion"] = "-1",
            ["Judging:OpenAi:Prices:2:InputPerMillion"] = "1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JudgingOptions>>().Value);

        Assert.Contains("Judging:OpenAi:Prices:1: the token prices of 'cheap' must not be negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("Judging:OpenAi:Prices:2: a token price needs the model it is for", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Prices:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_has_one_client_set_for_tasks_and_evaluations_with_the_configured_limits_and_prices()
    {
        using var provider = Provider(new()
        {
            ["Judging:OpenAi:MaxConcurrency"] = "3", ["Judging:OpenAi:RateLimitPatienceSeconds"] = "60",
            ["Judging:OpenAi:Prices:0:Model"] = "judge-model", ["Judging:OpenAi:Prices:0:InputPerMillion"] = "2.5",
        });
        var endpoints = provider.GetRequiredService<EndpointJudgeModels>();

        var options = endpoints.Create(JudgeSpec.Parse("openai:http://127.0.0.1:9/v1#judge-model")).Endpoint.Options;

        Assert.Equal((3, TimeSpan.FromMinutes(1)), (options.MaxConcurrency, options.RateLimitPatience));
        Assert.Equal(("judge-model", 2.5m), (Assert.Single(endpoints.Prices).Model, endpoints.Prices[0].InputPerMillion));
        Assert.Same(endpoints.Usage, provider.GetRequiredService<PairJudges>().EndpointUsage);
    }

    [Fact]
    public void An_openai_task_gets_an_llm_judge_over_the_configured_endpoint_client()
    {
        using var provider = Provider(new() { ["Judging:OpenAi:MaxConcurrency"] = "3" });
        var judges = provider.GetRequiredService<PairJudges>();

        var judging = judges.For("openai:http://127.0.0.1:9/v1#judge-model", "principles", "both", 1);

        var judge = Assert.IsType<LlmJudge>(judging.Judge);
        Assert.Equal("openai:http://127.0.0.1:9/v1#judge-model", judge.Name);
        Assert.Equal(0, judges.EndpointUsage.Requests);
    }
}
