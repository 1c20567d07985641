using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Samsara.Bench.Events;
using Samsara.Messaging;

namespace Samsara.Bench.JudgeScale;

/// <summary>
/// Judging at scale, measured: the judge phase of one evaluation (one comparison, <c>--items</c> items in both orders,
/// in batches of <c>--batch</c>) sent as EvaluationTasks to samsara-judge on RabbitMQ and done by 1, 2 and 4 judge
/// processes (the real Samsara.Judge host), against an endpoint that adds a fixed latency to every call. Reported:
/// wall time from the first task sent to the last batch's marker, and the speed-up over one process (goal ≥ 0.8·N).
/// Each count gets a fresh run workspace and a fresh virtual host; before the clock the processes are started, ready,
/// and warmed by one one-item task each (a process's first task loads libtorch and JITs the judging path, seconds
/// that a long-lived replica pays once).
/// </summary>
internal static class JudgeScaleBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = JudgeScaleOptions.Parse(args);
        var batches = (o.Items + o.BatchItems - 1) / o.BatchItems;
        await using var endpoint = await DelayedJudgeEndpoint.StartAsync(TimeSpan.FromMilliseconds(o.LatencyMs));
        Console.WriteLine($"judge-scale: {o.Items} items × 2 orders = {2 * o.Items} calls of {o.LatencyMs} ms, {batches} tasks of {o.BatchItems} items, " +
                          $"{o.EndpointConcurrency} calls in flight per judge process, {Environment.ProcessorCount} cores");
        var rows = new List<(int Replicas, TimeSpan Wall)>();
        foreach (var replicas in o.Replicas)
        {
            var before = endpoint.Calls;
            var wall = await MeasureAsync(o, replicas, batches, endpoint.BaseUrl);
            // The warm-up judged one item per process, in both orders.
            if (endpoint.Calls - before != 2 * (o.Items + replicas))
                throw new InvalidOperationException($"{replicas} judges made {endpoint.Calls - before} calls, not {2 * (o.Items + replicas)}: a verdict was paid twice or lost");
            rows.Add((replicas, wall));
        }
        Console.WriteLine();
        Console.WriteLine("| judge processes | wall time (s) | speed-up vs 1 | goal (0.8·N) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        var one = rows[0].Wall.TotalSeconds * rows[0].Replicas;
        foreach (var (replicas, wall) in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {replicas} | {wall.TotalSeconds:F1} | {one / wall.TotalSeconds:F2} | {0.8 * replicas:F1} |"));
        return 0;
    }

    private static async Task<TimeSpan> MeasureAsync(JudgeScaleOptions o, int replicas, int batches, Uri endpoint)
    {
        using var vhost = BenchVhost.Create();
        var root = Directory.CreateTempSubdirectory("samsara-bench-judge-scale-").FullName;
        try
        {
            var artifacts = Path.Combine(root, "artifacts");
            var workspace = ScaleWorkspace.Create(artifacts, endpoint, o.Items);
            var judges = new List<ServiceHostProcess>();
            try
            {
                for (var i = 0; i < replicas; i++)
                    judges.Add(ServiceHostProcess.Start("judge", "Samsara.Judge", JudgeSettings(o, artifacts, vhost.Name, i)));
                await Task.WhenAll(judges.Select(j => j.WaitReadyAsync()));
                using var sender = await SenderAsync(vhost.Name);
                var bus = sender.Services.GetRequiredService<IBus>();
                // Each process holds one task at a time (prefetch 1), so the warm-up's tasks go one to each.
                var warmup = ScaleWorkspace.Create(artifacts, endpoint, replicas);
                await RunAsync(bus, warmup, replicas, 1, judges, $"{replicas} judge process(es), warm-up");
                var clock = Stopwatch.StartNew();
                await RunAsync(bus, workspace, o.Items, o.BatchItems, judges, $"{replicas} judge process(es), batches");
                var wall = clock.Elapsed;
                var (judgements, items) = workspace.Judged(batches);
                if (judgements != o.Items || items != o.Items)
                    throw new InvalidOperationException($"{judgements} judgements of {items} items, not {o.Items} once each");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{replicas} judge process(es): {wall.TotalSeconds:F1} s"));
                return wall;
            }
            finally
            {
                foreach (var judge in judges) await judge.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Sends a workspace's judge batches and waits until every one is done.
    private static async Task RunAsync(IBus bus, ScaleWorkspace workspace, int items, int batchItems, List<ServiceHostProcess> judges, string label)
    {
        var batches = (items + batchItems - 1) / batchItems;
        foreach (var task in workspace.Tasks(items, batchItems))
            await bus.SendCommand(task);
        using var progress = new ConsoleProgress(label, () => workspace.BatchesDone(batches), batches);
        while (workspace.BatchesDone(batches) < batches)
        {
            if (judges.FirstOrDefault(j => j.HasExited) is { } dead)
                throw new InvalidOperationException($"a judge process exited ({dead.ExitCode}):\n{dead.Log()}");
            await Task.Delay(20);
        }
    }

    private static Dictionary<string, string> JudgeSettings(JudgeScaleOptions o, string artifacts, string vhost, int index) => new()
    {
        ["Artifacts__Root"] = artifacts,
        ["Messaging__RabbitMq__Host"] = "127.0.0.1",
        ["Messaging__RabbitMq__VirtualHost"] = vhost,
        ["Judging__ConcurrentTasks"] = "1",
        ["Judging__OpenAi__MaxConcurrency"] = o.EndpointConcurrency.ToString(CultureInfo.InvariantCulture),
        ["Judging__Instance"] = $"bench-judge-{index}",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    // The RunActor's side: a bus that only sends.
    private static async Task<IHost> SenderAsync(string vhost)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq:Host"] = "127.0.0.1",
            ["Messaging:RabbitMq:VirtualHost"] = vhost,
        });
        builder.Services.AddSamsaraMessaging(builder.Configuration, _ => { });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
