using Samsara.Alignment.Datasets;
using Samsara.Contracts;

namespace Samsara.Alignment.Training;

/// <summary>
/// The one dispatch from a <see cref="TrainingAlgorithm"/> to its recipe: reads the dataset the recipe trains on
/// (<see cref="TrainingOptions.DataPath"/>) and trains. SFT+SAMI is the SAMI recipe; only its starting model differs.
/// </summary>
public static class TrainingRecipes
{
    public static void Train(TrainingOptions options, Action<StepMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Algorithm.Recipe())
        {
            case TrainingAlgorithm.Sft: new SftRecipe(options, DatasetReader.ReadSft(options.DataPath)).Train(progress, cancellationToken); break;
            case TrainingAlgorithm.Dpo: new DpoRecipe(options, DatasetReader.ReadPreferences(options.DataPath)).Train(progress, cancellationToken); break;
            case TrainingAlgorithm.Sami: new SamiRecipe(options, DatasetReader.ReadSami(options.DataPath)).Train(progress, cancellationToken); break;
            default: throw new ArgumentOutOfRangeException(nameof(options), options.Algorithm, "no recipe trains this algorithm");
        }
    }
}
