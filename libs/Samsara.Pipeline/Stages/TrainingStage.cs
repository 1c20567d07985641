using Samsara.Alignment.Datasets;
using Samsara.Alignment.Training;
using Samsara.Api.V1;
using Algorithm = Samsara.Api.V1.Algorithm;
using Recipe = Samsara.Alignment.Training.Algorithm;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Pipeline.Stages;

/// <summary>
/// Trains one model of the spec. SFT and SAMI start from the student; DPO and SFT+SAMI start from the run's SFT
/// model (the papers' first experiment), which the runner trains first. Runs always resume: a restarted trainer
/// continues from its last checkpoint instead of starting over. An iterated SAMI training restarts every iteration
/// from that same base model, on the data its previous iteration's model generated (reference/sami.md §1, Iterations).
/// </summary>
public static class TrainingStage
{
    /// <summary>How many iterations the training runs: its <c>iterations</c>, where 0 means 1.</summary>
    public static int Iterations(TrainingSpec t) => Math.Max(1, (int)t.Iterations);

    public static string Run(RunSpec spec, RunWorkspace workspace, TrainingSpec t, Action<StepMetrics>? progress = null, int iteration = 1,
                             CancellationToken cancellationToken = default)
    {
        var data = iteration <= 1 ? workspace : workspace.Iteration(t.Algorithm, iteration);
        var sftModel = workspace.Model(Algorithm.Sft);
        var start = t.Algorithm is Algorithm.Dpo or Algorithm.SftSami && spec.Training.Any(x => x.Algorithm == Algorithm.Sft)
            ? sftModel : spec.Student.Path;
        var options = new TrainingOptions
        {
            Algorithm = t.Algorithm switch
            {
                Algorithm.Sft => Recipe.Sft,
                Algorithm.Dpo => Recipe.Dpo,
                Algorithm.Sami or Algorithm.SftSami => Recipe.Sami,
                _ => throw new ArgumentException($"training algorithm {t.Algorithm} is not SFT, DPO, SAMI or SFT_SAMI"),
            },
            ModelDirectory = start,
            DataPath = data.Dataset(t.Algorithm switch { Algorithm.Sft => "sft", Algorithm.Dpo => "dpo", _ => "sami" }),
            OutputDirectory = workspace.IterationModel(t.Algorithm, iteration, Iterations(t)),
            Beta = t.Beta > 0 ? t.Beta : null,
            LearningRate = t.LearningRate > 0 ? t.LearningRate : 1e-6,
            Optimizer = t.Optimizer == "rmsprop" ? OptimizerKind.RmsProp : OptimizerKind.AdamW,
            BatchQueries = t.BatchQueries > 0 ? (int)t.BatchQueries : 16,
            MicroBatch = t.MicroBatch > 0 ? (int)t.MicroBatch : 4,
            Steps = (int)t.Steps,
            WarmupSteps = (int)t.Warmup,
            Clip = t.Clip,
            Seed = spec.Seed,
            Lora = t.Lora is { Rank: > 0 } l ? new LoraOptions((int)l.Rank, l.Alpha > 0 ? l.Alpha : 2.0 * l.Rank, l.Targets.Count > 0 ? l.Targets.ToArray() : ["q_proj", "v_proj"]) : null,
            DType = spec.Student.Dtype.Length == 0 ? ScalarType.Float32 : TorchNames.ParseFloat(spec.Student.Dtype),
            Device = spec.Student.Device.Length == 0 ? CPU : TorchNames.ParseDevice(spec.Student.Device),
            Resume = true,
        };
        switch (options.Algorithm)
        {
            case Recipe.Sft: new SftRecipe(options, DatasetReader.ReadSft(options.DataPath)).Train(progress, cancellationToken); break;
            case Recipe.Dpo: new DpoRecipe(options, DatasetReader.ReadPreferences(options.DataPath)).Train(progress, cancellationToken); break;
            default: new SamiRecipe(options, DatasetReader.ReadSami(options.DataPath)).Train(progress, cancellationToken); break;
        }
        return options.OutputDirectory;
    }
}
