// Samsara vs a peer (PyTorch, grpcio, the raw RabbitMQ client), same machine, in one invocation; reported as ratios.
//   dotnet run -c Release --project bench/Samsara.Bench -- [engine] [--threads 2] [--device cuda --dtype bfloat16 …]
//   dotnet run -c Release --project bench/Samsara.Bench -- alignment [--algo sft|dpo|sami] [--threads 2] [--steps 6]
//   dotnet run -c Release --project bench/Samsara.Bench -- sami-scoring --data RUN/datasets/sami.jsonl [--model models/tiny-student] [--queries 4] [--rounds 5]
//   dotnet run -c Release --project bench/Samsara.Bench -- gateway [--concurrency 1,8,64] [--calls 10000] [--rounds 3]
//   dotnet run -c Release --project bench/Samsara.Bench -- judge [--pairs 2000] [--requests 5] [--concurrency 4] [--rounds 3]
//   dotnet run -c Release --project bench/Samsara.Bench -- judge-scale [--items 200] [--batch 10] [--latency-ms 500] [--endpoint-concurrency 4] [--replicas 1,2,4]
//   dotnet run -c Release --project bench/Samsara.Bench -- events [--messages 10000] [--window 100] [--rounds 3]
//   dotnet run -c Release --project bench/Samsara.Bench -- tokenizers [--data GSM8K.jsonl] [--rounds 7]
//   dotnet run -c Release --project bench/Samsara.Bench -- telemetry [--concurrency 1,8,64] [--calls 10000] [--rounds 3]
using Samsara.Bench;
using Samsara.Bench.Events;
using Samsara.Bench.Gateway;
using Samsara.Bench.Judge;
using Samsara.Bench.JudgeScale;
using Samsara.Bench.Tokenizers;

try
{
    return args is ["alignment", .. var rest] ? AlignmentBench.Run(rest)
         : args is ["sami-scoring", .. var sami] ? SamiScoringBench.Run(sami)
         : args is ["gateway", .. var gateway] ? await GatewayBench.RunAsync(gateway)
         : args is ["judge", .. var judge] ? await JudgeBench.RunAsync(judge)
         : args is ["judge-scale", .. var scale] ? await JudgeScaleBench.RunAsync(scale)
         : args is ["events", .. var events] ? await EventsBench.RunAsync(events)
         : args is ["telemetry", .. var telemetry] ? await TelemetryCostBench.RunAsync(telemetry)
         : args is ["tokenizers", .. var tokenizers] ? TokenizerBench.Run(tokenizers)
         : args is ["engine", .. var engine] ? EngineBench.Run(engine)
         : EngineBench.Run(args);
}
catch (ArgumentException e)
{
    // A bad option: say which, without a stack trace.
    Console.Error.WriteLine($"Samsara.Bench: {e.Message}");
    return 2;
}
