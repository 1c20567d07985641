using Samsara.Alignment.Training;
using Samsara.Artifacts;
using Samsara.Contracts;
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
    public static string Run(RunPlan plan, RunWorkspace workspace, TrainingAlgorithm algorithm, Action<StepMetrics>? progress = null, int iteration = 1,
                             CancellationToken cancellationToken = default)
    {
        var t = plan.TrainingOf(algorithm);
        var data = iteration <= 1 ? workspace : workspace.Iteration(t.Algorithm, iteration);
        var start = t.StartsFromSft ? workspace.Model(TrainingAlgorithm.Sft) : plan.Student.Path;
        var options = new TrainingOptions
        {
            Algorithm = t.Algorithm,
            ModelDirectory = start,
            // The recipe's dataset: SFT+SAMI trains on the SAMI set the filter wrote.
            DataPath = data.Dataset(t.Algorithm.Recipe().Name()),
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
        TrainingRecipes.Train(options, progress, cancellationToken);
        return options.OutputDirectory;
    }
}
