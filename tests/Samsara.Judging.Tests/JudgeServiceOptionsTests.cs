using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        using var provider = Provider(new() { ["Judging:OpenAi:MaxConcurrency"] = "0", ["Judging:OpenAi:MaxTokens"] = "4" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JudgingOptions>>().Value);

        Assert.Contains("Judging:OpenAi:MaxConcurrency:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Judging:OpenAi:MaxTokens:", error.Message, StringComparison.Ordinal);
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
