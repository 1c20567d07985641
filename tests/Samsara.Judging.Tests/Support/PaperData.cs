namespace Samsara.Judging.Tests.Support;

/// <summary>The multi-task paper's model outputs on the 80 MT-Bench questions (<see cref="TestData"/>, sami_multitask/).</summary>
internal static class PaperData
{
    public static string Sami => TestData.File("sami_multitask/responses_SAMI-epoch-0.2-wBJc5j.json");

    public static string Sft => TestData.File("sami_multitask/responses_SFT.json");

    public static string Dpo => TestData.File("sami_multitask/responses_DPO_step_11520.json");

    public static string Principles => TestData.File("sami_multitask/mt_bench_constitution.json");
}
