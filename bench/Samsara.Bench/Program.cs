// Samsara vs PyTorch, same machine, same threads, in one invocation; reported as ratios.
//   dotnet run -c Release --project bench/Samsara.Bench -- [engine] [--threads 2] [--device cuda --dtype bfloat16 …]
//   dotnet run -c Release --project bench/Samsara.Bench -- alignment [--algo sft|dpo|sami] [--threads 2] [--steps 6]
using Samsara.Bench;

return args is ["alignment", .. var rest] ? AlignmentBench.Run(rest)
     : args is ["engine", .. var engine] ? EngineBench.Run(engine)
     : EngineBench.Run(args);
