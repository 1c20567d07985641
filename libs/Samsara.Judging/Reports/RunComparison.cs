namespace Samsara.Judging.Reports;

/// <summary>
/// One judged comparison of a run: which of the papers' experiments it belongs to, whether its judge asked about
/// the principles or not, and its win rates.
/// </summary>
public sealed record RunComparison(string Experiment, string Kind, JudgementSummary Summary)
{
    public const string PrincipleBased = "principle-based";
    public const string PrincipleFree = "principle-free";

    /// <summary>"{a}-vs-{b}-{judge}", safe as a file name.</summary>
    public string Slug => new([.. $"{Summary.ModelA}-vs-{Summary.ModelB}-{Summary.Judge.Split('/')[0].Split(':')[0]}"
        .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}

/// <summary>A SAMI model's mutual-information lower bound (log C − loss) over its training: first step and last steps.</summary>
public sealed record MiBounds(string Model, double Before, double After, int Steps);
