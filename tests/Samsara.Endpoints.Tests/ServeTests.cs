using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Generation;
using Samsara.Endpoints.Generation;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;
using Samsara.Testing;

namespace Samsara.Endpoints.Tests;

/// <summary>The OpenAI backends against samsara serve over real HTTP on loopback, and the server's own API.</summary>
public sealed class ServeTests
{
    [Fact]
    public async Task Generation_over_http_gives_the_engines_own_completions()
    {
        await using var served = await ServedModel.StartAsync(maxBatch: 1);   // batch of one: the same arithmetic as the direct run
        var prompts = TestQueries.Prompts(6);
        var options = new GenerationOptions { Temperature = 0, MaxNewTokens = 12, BatchSize = 1 };
        using var endpoint = new OpenAiEndpoint(served.Options());

        var remote = new EndpointTextGenerator(endpoint).Generate(prompts, options);
        var local = new Generator(served.Model).Generate(prompts, options);

        Assert.Equal(local.Select(c => c.Text), remote.Select(c => c.Text));
        Assert.Equal(local.Select(c => c.FinishReason == FinishReason.Length ? FinishReason.Length : FinishReason.Stop), remote.Select(c => c.FinishReason));
        Assert.Equal(6, endpoint.Usage.Requests);
        Assert.Equal(local.Sum(c => c.TokenIds.Count + (c.FinishReason == FinishReason.Eos ? 1 : 0)), endpoint.Usage.Usage.CompletionTokens);
        Assert.Equal(prompts.Sum(p => Encoding.UTF8.GetByteCount(p) + 1), endpoint.Usage.Usage.PromptTokens);   // bytes + BOS
    }

    [Fact]
    public async Task Chat_streamed_and_whole_agree()
    {
        await using var served = await ServedModel.StartAsync();
        var sampling = new EndpointSampling { Temperature = 0, MaxTokens = 10 };
        using var whole = new OpenAiEndpoint(served.Options());
        using var streamed = new OpenAiEndpoint(served.Options() with { Stream = true });
        ChatTurn[] chat = [ChatTurn.System("Be brief."), ChatTurn.User("What is 2+2?")];

        var a = await whole.CompleteChatAsync(chat, sampling);
        var b = await streamed.CompleteChatAsync(chat, sampling);
        var c = await streamed.CompleteTextAsync("What is 2+2?", sampling);
        var d = await whole.CompleteTextAsync("What is 2+2?", sampling);

        Assert.Equal(a, b);
        Assert.Equal(d, c);
        Assert.True(a.Usage.PromptTokens > 0 && a.Usage.CompletionTokens > 0);
        Assert.Equal(ChatTemplate().Length + 1, a.Usage.PromptTokens);
    }

    private static string ChatTemplate() => Serving.ChatTemplate.Format([("system", "Be brief."), ("user", "What is 2+2?")]);

    [Fact]
    public async Task A_principled_run_over_serve_resumes_without_redoing_finished_prompts()
    {
        using var dir = new TempDirectory();
        await using var served = await ServedModel.StartAsync();
        var queries = TestQueries.Make(5);
        var file = new GenerationFile(dir.File("gen.jsonl"), new ConstitutionSampler(PrincipleSet.Default, seed: 9, perQuery: 2));
        var options = new GenerationOptions { Temperature = 0.7, MaxNewTokens = 6, BatchSize = 4, Seed = 3 };

        using (var first = new OpenAiEndpoint(served.Options()))
            Assert.Equal(2, file.Complete(queries.Take(2).ToList(), () => new EndpointTextGenerator(first), options));   // then "killed"
        using var second = new OpenAiEndpoint(served.Options());
        var generated = file.Complete(queries, () => new EndpointTextGenerator(second), options);

        Assert.Equal(3, generated);
        Assert.Equal(6, second.Usage.Requests);   // 3 prompts × 2 constitutions, nothing redone
        var lines = Jsonl.Read(file.Path).ToList();
        Assert.Equal(queries.Select(q => q.Id), lines.Select(l => l.Id()));
        Assert.All(lines, l => Assert.Equal(2, ((JsonArray)l.Object["finish_reasons"]!).Count));
        Assert.Equal(0, file.Complete(queries, (Func<ITextGenerator>)(() => throw new InvalidOperationException("nothing is pending, so no endpoint is opened")), options));
    }

    [Fact]
    public async Task Bad_requests_are_answered_in_openai_error_shape()
    {
        await using var served = await ServedModel.StartAsync();
        using var http = new HttpClient();
        async Task<(HttpStatusCode, JsonObject)> Post(string route, string body)
        {
            using var response = await http.PostAsync(new Uri(served.BaseUrl + route), new StringContent(body, Encoding.UTF8, "application/json"));
            return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        var (unknown, unknownBody) = await Post("/completions", """{"model":"gpt-4","prompt":"x"}""");
        var (badType, badTypeBody) = await Post("/completions", """{"model":"tiny","prompt":"x","temperature":"hot"}""");
        var (tooLong, tooLongBody) = await Post("/chat/completions", """{"model":"tiny","messages":[{"role":"user","content":"x"}],"max_tokens":5000}""");
        var (badRole, badRoleBody) = await Post("/chat/completions", """{"model":"tiny","messages":[{"role":"robot","content":"x"}]}""");
        var (notJson, _) = await Post("/completions", "{prompt");
        var (unsupported, unsupportedBody) = await Post("/completions", """{"model":"tiny","prompt":"x","echo":true}""");

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("model_not_found", unknownBody["error"]!["code"]!.GetValue<string>());
        Assert.Equal("model", unknownBody["error"]!["param"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, "temperature"), (badType, badTypeBody["error"]!["param"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.BadRequest, "max_tokens"), (tooLong, tooLongBody["error"]!["param"]!.GetValue<string>()));
        Assert.Contains("maximum context length is 2048 tokens", tooLongBody["error"]!["message"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, "messages[0].role"), (badRole, badRoleBody["error"]!["param"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        Assert.Equal((HttpStatusCode.BadRequest, "echo"), (unsupported, unsupportedBody["error"]!["param"]!.GetValue<string>()));

        using var endpoint = new OpenAiEndpoint(served.Options() with { Model = "gpt-4" });
        var e = await Assert.ThrowsAsync<EndpointException>(() => endpoint.EnsureModelServedAsync());
        Assert.Contains("does not serve model 'gpt-4' (it serves: tiny)", e.Message);
        var direct = await Assert.ThrowsAsync<EndpointException>(() => endpoint.CompleteTextAsync("x", new EndpointSampling()));
        Assert.Equal(404, direct.StatusCode);
        Assert.Equal(0, endpoint.Usage.Retries);
    }

    [Fact]
    public async Task Logprobs_stop_seed_and_n_behave_as_the_api_says()
    {
        await using var served = await ServedModel.StartAsync();
        using var http = new HttpClient();
        async Task<JsonObject> Complete(object body)
        {
            using var response = await http.PostAsJsonAsync(new Uri(served.BaseUrl + "/completions"), body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        var greedy = await Complete(new { model = "tiny", prompt = "abc", max_tokens = 6, temperature = 0, logprobs = 3, ignore_eos = true });
        var lp = greedy["choices"]![0]!["logprobs"]!;
        var chosen = lp["token_logprobs"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
        Assert.Equal(6, chosen.Length);
        for (var t = 0; t < chosen.Length; t++)
        {
            // Greedy decoding picks the most likely token, so its log-prob is the best of the alternatives.
            var best = lp["top_logprobs"]![t]!.AsObject().Max(kv => kv.Value!.GetValue<double>());
            Assert.Equal(best, chosen[t], 5);
            Assert.True(chosen[t] < 0);
        }
        Assert.Equal(greedy["choices"]![0]!["text"]!.GetValue<string>(), string.Concat(lp["tokens"]!.AsArray().Select(x => x!.GetValue<string>())));

        var text = greedy["choices"]![0]!["text"]!.GetValue<string>();
        var stop = text.Substring(2, 1);
        var stopped = await Complete(new { model = "tiny", prompt = "abc", max_tokens = 6, temperature = 0, stop = new[] { stop }, ignore_eos = true });
        Assert.Equal(text[..text.IndexOf(stop, StringComparison.Ordinal)], stopped["choices"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("stop", stopped["choices"]![0]!["finish_reason"]!.GetValue<string>());

        var seeded = new { model = "tiny", prompt = "abc", max_tokens = 8, temperature = 1.0, seed = 42, n = 3 };
        var first = await Complete(seeded);
        var again = await Complete(seeded);
        Assert.Equal(3, first["choices"]!.AsArray().Count);
        Assert.Equal(first["choices"]!.ToJsonString(), again["choices"]!.ToJsonString());
        Assert.Equal(4, first["usage"]!["prompt_tokens"]!.GetValue<int>());   // billed once for three choices
    }
}
