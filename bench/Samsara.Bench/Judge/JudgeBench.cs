using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Judging;
using Samsara.Judging.Items;

namespace Samsara.Bench.Judge;

/// <summary>
/// The judge benchmark: verdicts/s with the rubric judge through samsara.v1.JudgeService (the real judge host as a
/// process, over h2c with an API key, verdicts streamed back) against the same judging called directly in this
/// process (PairwiseJudging over the same rubric judge, same protocol and concurrency, no gRPC), in alternating
/// rounds. The rubric judge is cheap, so the ratio is mostly the service's cost: validation, serialization, the
/// stream and the hop, per verdict.
/// </summary>
internal static class JudgeBench
{
    private const string ApiKey = "bench-key";
    private const string Spec = "rubric";

    public static async Task<int> RunAsync(string[] args)
    {
        var o = JudgeBenchOptions.Parse(args);
        var pairs = JudgeWorkload.Pairs(o.Pairs).ToList();
        var request = new JudgeRequest { Judge = Spec, Protocol = "both", Concurrency = (uint)o.Concurrency, Pairs = { pairs } };
        var items = pairs.Select(JudgeWorkload.ToItem).ToList();
        // The host's judge for this spec is built the same way (JudgeBackends, no cache); both orders per pair.
        var direct = new PairwiseJudging(new JudgeBackends().Create(JudgeSpec.Parse(Spec)), JudgeProtocol.Both, seed: 0);

        Console.Error.WriteLine("starting the judge host…");
        await using var host = await JudgeProcess.StartAsync(ApiKey);
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new JudgeService.JudgeServiceClient(channel.WithApiKey(ApiKey));

        // The same verdicts from both: the service adds transport, not judgement.
        var (ours, theirs) = (await ViaServiceAsync(client, request), await DirectAsync(direct, items, o.Concurrency));
        if (!ours.SequenceEqual(theirs))
            throw new InvalidOperationException("the service's verdicts differ from the direct judging's");

        Console.WriteLine($"Judge with the rubric judge, both orders: {o.Pairs} pairs per request, {o.Concurrency} at once; {o.Requests} requests per " +
                          $"measurement after {o.Warmup} warm-up; {o.Rounds} rounds; {Environment.ProcessorCount} cores; loopback h2c with an API key");
        var service = new List<double>();
        var inProcess = new List<double>();
        for (var round = 1; round <= o.Rounds; round++)
        {
            service.Add(await MeasureAsync($"round {round}/{o.Rounds}, JudgeService", o, () => ViaServiceAsync(client, request)));
            inProcess.Add(await MeasureAsync($"round {round}/{o.Rounds}, direct", o, () => DirectAsync(direct, items, o.Concurrency)));
        }
        var (rate, peerRate) = (SamsaraRun.Median(service), SamsaraRun.Median(inProcess));
        Console.WriteLine("| verdicts/s: JudgeService / direct = ratio |");
        Console.WriteLine("|--------------------------------------------|");
        Console.WriteLine($"| {rate,8:F0} / {peerRate,8:F0} = {rate / peerRate,5:F2}               |");
        Console.WriteLine("the ratio is JudgeService / direct (medians of the rounds): the share of the direct rate left after the service's overhead");
        if (o.Out is not null)
        {
            var json = new JsonObject
            {
                ["options"] = JsonSerializer.SerializeToNode(o),
                ["service_verdicts_per_second"] = JsonSerializer.SerializeToNode(service),
                ["direct_verdicts_per_second"] = JsonSerializer.SerializeToNode(inProcess),
                ["ratio"] = rate / peerRate,
            };
            File.WriteAllText(o.Out, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }

    /// <returns>Verdicts per second over <see cref="JudgeBenchOptions.Requests"/> runs, after the warm-up ones.</returns>
    private static async Task<double> MeasureAsync(string label, JudgeBenchOptions o, Func<Task<List<(string, string)>>> judge)
    {
        for (var i = 0; i < o.Warmup; i++) await judge();
        var done = 0;
        using var progress = new ConsoleProgress(label, () => Volatile.Read(ref done), o.Requests);
        var clock = Stopwatch.StartNew();
        var verdicts = 0;
        for (var i = 0; i < o.Requests; i++)
        {
            verdicts += (await judge()).Count;
            Volatile.Write(ref done, i + 1);
        }
        return verdicts / clock.Elapsed.TotalSeconds;
    }

    /// <returns>(id, verdict) of every pair, in id order.</returns>
    private static async Task<List<(string, string)>> ViaServiceAsync(JudgeService.JudgeServiceClient client, JudgeRequest request)
    {
        var verdicts = new List<(string, string)>(request.Pairs.Count);
        try
        {
            using var call = client.Judge(request);
            await foreach (var v in call.ResponseStream.ReadAllAsync()) verdicts.Add((v.Id, v.Verdict));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            throw new ArgumentException($"the judge refused the request: {e.Status.Detail}");
        }
        return [.. verdicts.OrderBy(v => v.Item1, StringComparer.Ordinal)];
    }

    private static async Task<List<(string, string)>> DirectAsync(PairwiseJudging judging, IReadOnlyList<PairwiseItem> items, int concurrency)
    {
        var records = await judging.RunAsync(items, "A", "B", concurrency);
        return [.. records.Select(r => (r.Id, JudgementJson.VerdictName(r.Verdict))).OrderBy(v => v.Item1, StringComparer.Ordinal)];
    }
}
