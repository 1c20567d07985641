namespace Samsara.Alignment.Optim;

/// <summary>Linear warm-up from 0 to the peak rate over the first steps, then constant (the DPO and SAMI reference setups).</summary>
public sealed record LearningRateSchedule(double Peak, int WarmupSteps)
{
    /// <summary>The rate of optimizer step <paramref name="step"/> (1-based).</summary>
    public double At(int step) => WarmupSteps > 0 && step <= WarmupSteps ? Peak * step / WarmupSteps : Peak;
}
