using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.TaskWorld;
using Samsara.Engine;
using Samsara.Engine.Models;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara pretrain`: a task-world model from scratch (the teacher, which follows constitutions, or the student,
/// which has not been taught to), then its adherence measured by the checkers, recorded in pretrain.json and
/// MODEL_CARD.md beside the weights.
/// </summary>
internal static class PretrainCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "teacher or student", Required = true };
        var output = new Option<string>("--out") { Description = "Model directory to write (config.json, model.safetensors, tokenizer.json, MODEL_CARD.md)", Required = true };
        var work = new Option<string?>("--work") { Description = "Corpus and resumable training runs (default: OUT.work)" };
        var config = new Option<string?>("--config") { Description = "A config.json to use instead of the role's built-in shape" };
        var worldSeed = new Option<ulong>("--world-seed") { Description = "Task world seed (samsara world's --seed)", DefaultValueFactory = _ => TaskWorldGenerator.CommittedSeed };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the corpus draws, initial weights and data order", DefaultValueFactory = _ => 1 };
        var heldOut = new Option<int>("--heldout") { Description = "Held-out prompts of the world kept out of the corpus (samsara world's --heldout)", DefaultValueFactory = _ => TaskWorldGenerator.CommittedHeldOut };
        var validation = new Option<int>("--validation") { Description = "Validation prompts kept out of the corpus too (samsara world's --validation)", DefaultValueFactory = _ => TaskWorldGenerator.CommittedValidation };
        var examples = new Option<int>("--examples") { Description = "Corpus size", DefaultValueFactory = _ => 20_000 };
        var follow = new Option<double>("--follow") { Description = "Student only: the fraction of its examples whose response follows the constitution (the rest ignore it)", DefaultValueFactory = _ => 0 };
        var habit = new Option<double>("--habit") { Description = "Student only: the fraction of its examples that ignore the constitution written in its plain habit (every principle's antithesis side) instead of a random style", DefaultValueFactory = _ => 0 };
        var weak = new Option<double>("--weak") { Description = "The fraction of strong principles worded weakly (the evaluation wording)", DefaultValueFactory = _ => PretrainCorpus.DefaultWeak };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps at the peak rate", DefaultValueFactory = _ => 450 };
        var anneal = new Option<int>("--anneal-steps") { Description = "Further steps at a tenth of the rate", DefaultValueFactory = _ => 100 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW)", DefaultValueFactory = _ => 3e-3 };
        var batch = new Option<int>("--batch") { Description = "Examples per optimizer step", DefaultValueFactory = _ => 16 };
        var evalTasks = new Option<int>("--eval-tasks") { Description = "Held-out tasks to measure adherence on (each under 4 constitutions; 0: skip)", DefaultValueFactory = _ => 48 };
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var command = new Command("pretrain", "Pretrain a task-world teacher or student from scratch")
        {
            role, output, work, config, worldSeed, heldOut, validation, seed, examples, follow, habit, weak, steps, anneal, lr, batch, evalTasks, device, threads,
        };
        command.SetAction(parse =>
        {
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var r = parse.GetRequiredValue(role).ToLowerInvariant() switch
            {
                "teacher" => PretrainRole.Teacher,
                "student" => PretrainRole.Student,
                var other => throw new ArgumentException($"--role '{other}' is not teacher or student"),
            };
            var outDir = parse.GetRequiredValue(output);
            var options = new PretrainOptions
            {
                Role = r,
                Config = parse.GetValue(config) is { } path ? LlamaConfig.Load(path) : TinyModelConfigs.For(r),
                OutputDirectory = outDir,
                WorkDirectory = parse.GetValue(work) ?? outDir.TrimEnd('/') + ".work",
                WorldSeed = parse.GetValue(worldSeed),
                HeldOut = parse.GetValue(heldOut),
                Validation = parse.GetValue(validation),
                Seed = parse.GetValue(seed),
                Examples = parse.GetValue(examples),
                Follow = parse.GetValue(follow),
                Habit = parse.GetValue(habit),
                Weak = parse.GetValue(weak),
                Steps = parse.GetValue(steps),
                AnnealSteps = parse.GetValue(anneal),
                LearningRate = parse.GetValue(lr),
                BatchSize = parse.GetValue(batch),
                MicroBatch = parse.GetValue(batch),
                Device = target,
            };
            return Run(options, parse.GetValue(evalTasks), "samsara " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
        });
        return command;
    }

    private static int Run(PretrainOptions options, int evalTasks, string commandLine)
    {
        var bars = new Dictionary<string, ProgressBar>();
        var result = TaskWorldPretraining.Run(options, (phase, m) =>
        {
            if (!bars.TryGetValue(phase, out var bar)) bars[phase] = bar = new ProgressBar($"pretrain {options.Role.ToString().ToLowerInvariant()} ({phase})", m.TotalSteps, "steps");
            bar.Report(m.Step, string.Create(CultureInfo.InvariantCulture, $"loss {m.Loss:F4} {m.TokensPerSecond:F0} tok/s"));
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {result.Model}: {result.Parameters:N0} parameters, final loss {result.FinalLoss:F4} (mean of the last 50 steps), {result.Elapsed:m\\:ss}"));

        var reports = new List<AdherenceEvaluation.Report>();
        if (evalTasks > 0)
        {
            var world = new TaskWorldGenerator(options.WorldSeed, options.HeldOut, options.Validation);
            var tasks = world.HeldOut.Take(evalTasks).ToList();
            using var lm = LanguageModel.Load(options.OutputDirectory, options.Device);
            foreach (var temperature in new[] { 0.0, 1.0 })
            {
                var bar = new ProgressBar($"adherence T={temperature.ToString(CultureInfo.InvariantCulture)}", tasks.Count * 4, "responses");
                var report = AdherenceEvaluation.Run(lm, tasks, options.Seed, temperature, progress: (done, _) => bar.Report(done));
                Console.WriteLine(report.Summary());
                reports.Add(report);
            }
        }
        WriteRecord(options, result, reports, commandLine);
        return 0;
    }

    private static void WriteRecord(PretrainOptions options, TaskWorldPretraining.Result result, List<AdherenceEvaluation.Report> reports, string commandLine)
    {
        var bytes = new FileInfo(Path.Combine(options.OutputDirectory, "model.safetensors")).Length;
        var record = new JsonObject
        {
            ["role"] = options.Role.ToString().ToLowerInvariant(),
            ["parameters"] = result.Parameters,
            ["safetensors_bytes"] = bytes,
            ["world_seed"] = options.WorldSeed,
            ["heldout"] = options.HeldOut,
            ["validation"] = options.Validation,
            ["seed"] = options.Seed,
            ["examples"] = options.Examples,
            ["follow"] = options.Follow,
            ["habit"] = options.Habit,
            ["weak"] = options.Weak,
            ["steps"] = options.Steps,
            ["anneal_steps"] = options.AnnealSteps,
            ["lr"] = options.LearningRate,
            ["batch"] = options.BatchSize,
            ["final_loss"] = Math.Round(result.FinalLoss, 4),
            ["seconds"] = Math.Round(result.Elapsed.TotalSeconds),
            ["adherence"] = new JsonArray(reports.Select(r => (JsonNode)r.ToJson()).ToArray()),
        };
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "pretrain.json"), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "MODEL_CARD.md"), ModelCard(options, result, reports, bytes, commandLine));
    }

    private static string ModelCard(PretrainOptions o, TaskWorldPretraining.Result result, List<AdherenceEvaluation.Report> reports, long bytes, string commandLine)
    {
        var c = o.Config;
        var inv = CultureInfo.InvariantCulture;
        var layout = Alignment.TrainingPrompt.Format("{constitution}", "{question}").Replace("\n", "\\n", StringComparison.Ordinal);
        var elapsed = result.Elapsed.ToString(@"m\:ss", inv);
        var what = o.Role == PretrainRole.Teacher
            ? "The **teacher** of Samsara's task world: it writes responses that follow the constitution in its prompt."
            : o.Follow == 0
                ? "The **student** base model of Samsara's task world: it has read the same prompts (constitutions included) and answers, " +
                  "but its responses' style was drawn independently of the constitution, so it has not been taught to follow one."
                : "The **student** base model of Samsara's task world: it has read the same prompts (constitutions included) and answers, " +
                  string.Create(inv, $"but only {o.Follow:P0} of its examples' responses follow the constitution ({Rest(o.Habit)}), ") +
                  "so it starts with a weak sensitivity to the constitution for SFT, DPO and SAMI to build on.";
        static string Rest(double habit) => habit switch
        {
            0 => "in the rest their style was drawn independently of it",
            1 => "the rest are written in its plain habit, whatever the constitution asks: a bare answer, only the fact, a comma list",
            _ => string.Create(CultureInfo.InvariantCulture, $"in the rest {habit:P0} are written in its plain habit (a bare answer, only the fact, a comma list) and the others in a style drawn independently of it"),
        };
        var rows = string.Join("\n", reports.Select(r => string.Create(inv,
            $"| {r.Temperature} | {r.PrincipleAdherence:P1} | {r.BothAdherence:P1} | {r.MathAccuracy:P1} | " +
            $"{string.Join(", ", r.ByPrinciple.Select(p => $"{p.Key} {p.Value:P0}"))} |")));
        return string.Create(inv, $"""
            # tiny-{o.Role.ToString().ToLowerInvariant()}

            {what}

            - Architecture: Llama (LlamaForCausalLM layout), byte tokenizer, hidden {c.HiddenSize}, {c.NumHiddenLayers} layers,
              {c.NumAttentionHeads} heads / {c.NumKeyValueHeads} KV heads, MLP {c.IntermediateSize}, tied embeddings, context {c.ContextLength}.
            - Size: {result.Parameters:N0} parameters, model.safetensors {bytes / 1024.0:F0} KiB (float32).
            - Data: {o.Examples:N0} examples of the task world (seed {o.WorldSeed}; math, facts, lists) in the training prompt layout
              `{layout}`, a strong principle in its weak (evaluation) wording {o.Weak:P0} of the time; the first {o.HeldOut} held-out and the
              {o.Validation} validation prompts never seen.
            - Recipe: SFT loss (response tokens + EOS, prompt masked), AdamW, batch {o.BatchSize}, {o.Steps} steps at lr {o.LearningRate}
              ({o.Warmup} warm-up), then {o.AnnealSteps} steps at lr {o.LearningRate / 10:G4}; clip 1.0; seed {o.Seed}.
            - Final loss: {result.FinalLoss:F4} nats per response byte (mean of the last 50 steps). Time: {elapsed} (m:ss) on this machine's CPU.

            ## Constitution adherence (held-out prompts, each under its 4 constitutions, read by the task world's checkers)

            | temperature | per principle (chance 50%) | both principles (chance 25%) | math exact | by principle |
            |---|---|---|---|---|
            {rows}

            ## Regenerate

            ```bash
            {commandLine}
            ```

            `samsara pretrain --help` lists the options; the corpus and resumable training runs are kept in the work directory.
            """) + "\n";
    }
}
