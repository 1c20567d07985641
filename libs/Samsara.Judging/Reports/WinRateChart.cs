using System.Globalization;
using Samsara.Alignment.Metrics;

namespace Samsara.Judging.Reports;

/// <summary>
/// Model A's win rate per category and overall as horizontal bars on [0, 1], each with its bootstrap interval as a
/// whisker and a dashed line at 0.5 (parity).
/// </summary>
public static class WinRateChart
{
    private const int Left = 120, Right = 60, Top = 40, Row = 26, Bottom = 40, Plot = 420;

    public static string Render(JudgementSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = summary.WinRates.ByCategory.Select(p => (Name: p.Key, Rate: p.Value)).Append(("overall", summary.WinRates.Overall)).ToList();
        var svg = new Svg(Left + Plot + Right, Top + rows.Count * Row + Bottom);
        double X(double rate) => Left + rate * Plot;
        svg.Text(Left, 22, $"{summary.ModelA} vs {summary.ModelB}: win rate of {summary.ModelA} ({Percent(summary.WinRates.Confidence)} CI)", size: 13, weight: "bold");
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, rate) = rows[i];
            var y = Top + i * Row;
            var overall = i == rows.Count - 1;
            svg.Text(Left - 8, y + 16, name, "end", weight: overall ? "bold" : "normal");
            svg.Rect(Left, y + 4, rate.Rate * Plot, Row - 8, overall ? "#2b6cb0" : "#90cdf4");
            svg.Line(X(rate.Lower), y + Row / 2.0, X(rate.Upper), y + Row / 2.0, "#1a202c", 1.5);
            svg.Line(X(rate.Lower), y + 7, X(rate.Lower), y + Row - 7, "#1a202c", 1.5);
            svg.Line(X(rate.Upper), y + 7, X(rate.Upper), y + Row - 7, "#1a202c", 1.5);
            svg.Text(Left + Plot + 6, y + 16, rate.Rate.ToString("0.00", CultureInfo.InvariantCulture), size: 11);
        }
        var axisY = Top + rows.Count * Row + 4;
        svg.Line(Left, axisY, Left + Plot, axisY, "#4a5568");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            svg.Line(X(tick), axisY, X(tick), axisY + 5, "#4a5568");
            svg.Text(X(tick), axisY + 18, tick.ToString("0.##", CultureInfo.InvariantCulture), "middle", 11);
        }
        svg.Line(X(0.5), Top, X(0.5), axisY, "#e53e3e", 1, "4 3");
        return svg.ToString();
    }

    private static string Percent(double confidence) => (confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
