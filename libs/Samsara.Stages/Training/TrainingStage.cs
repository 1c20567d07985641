using Samsara.Alignment.Datasets;
using Samsara.Alignment.Training;
using Samsara.Api.V1;
using Algorithm = Samsara.Api.V1.Algorithm;
using Recipe = Samsara.Alignment.Training.Algorithm;
using Samsara.Stages.Plan;

namespace Samsara.Stages.Training;

/// <summary>
/// Trains one model of the spec. SFT and SAMI start from the student; DPO and SFT+SAMI start from the run's SFT
/// model (the papers' first experiment), which the runner trains first. Runs always resume: a restarted trainer
/// continues from its last checkpoint instead of starting over. An iterated SAMI training restarts every iteration
/// from that same base model, on the data its previous iteration's model generated (docs/architecture.md §11, Iterations).
/// </summary>
public static class TrainingStage
{
    /// <summary>How many iterations the training runs: its <c>iterations</c>, where 0 means 1.</summary>
    public static int Iterations(TrainingSpec t) => Math.Max(1, (int)t.Iterations);

    public static string Run(RunPlan plan, RunWorkspace workspace, TrainingSpec training, Action<StepMetrics>? progress = null, int iteration = 1,
                             CancellationToken cancellationToken = default)
    {
        var t = plan.TrainingOf(training.Algorithm);
        var data = iteration <= 1 ? workspace : workspace.Iteration(t.Algorithm, iteration);
        var start = t.StartsFromSft ? workspace.Model(Algorithm.Sft) : plan.Student.Path;
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
            OutputDirectory = workspace.IterationModel(t.Algorithm, iteration, t.Iterations),
            Beta = t.Beta,
            LearningRate = t.LearningRate,
            Optimizer = t.Optimizer,
            BatchQueries = t.BatchQueries,
            MicroBatch = t.MicroBatch,
            Steps = t.Steps,
            WarmupSteps = t.WarmupSteps,
            Clip = t.Clip,
            Seed = plan.Spec.Seed,
            Lora = t.Lora,
            DType = plan.Student.TrainingDType,
            Device = plan.Student.Device,
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
