using System.Globalization;

namespace Samsara.Judging.Reports;

/// <summary>
/// pass@k against k, one line per (evaluation, extractor), on [0, 1]. k is on a log₂ axis when it spans a factor of
/// 8 or more (k = 1, 10, 32 in the papers), on a linear one otherwise.
/// </summary>
public static class PassAtKChart
{
    private const int Left = 60, Top = 40, Plot = 420, PlotHeight = 260, LegendWidth = 220;
    private static readonly string[] Colors = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568"];

    public static string Render(IReadOnlyList<EvalCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0) throw new ArgumentException("a pass@k chart needs at least one evaluation");
        var series = curves.SelectMany(c => c.ByExtractor.Select(e => (Name: $"{c.Label} · {e.Key}", Points: e.Value))).ToList();
        var ks = series.SelectMany(s => s.Points.Select(p => p.K)).Distinct().Order().ToList();
        var logScale = ks[^1] >= 8 * ks[0];
        double Scale(int k) => logScale ? Math.Log2(k) : k;
        var (low, high) = (Scale(ks[0]), Scale(ks[^1]));
        double X(int k) => high == low ? Left + Plot / 2.0 : Left + (Scale(k) - low) / (high - low) * Plot;
        double Y(double p) => Top + (1 - p) * PlotHeight;

        var svg = new Svg(Left + Plot + LegendWidth, Top + PlotHeight + 50);
        svg.Text(Left, 22, "pass@k (unbiased estimate)", size: 13, weight: "bold");
        svg.Line(Left, Y(0), Left + Plot, Y(0), "#4a5568");
        svg.Line(Left, Y(0), Left, Y(1), "#4a5568");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            svg.Line(Left - 5, Y(tick), Left, Y(tick), "#4a5568");
            svg.Line(Left, Y(tick), Left + Plot, Y(tick), "#edf2f7");
            svg.Text(Left - 8, Y(tick) + 4, tick.ToString("0.##", CultureInfo.InvariantCulture), "end", 11);
        }
        foreach (var k in ks)
        {
            svg.Line(X(k), Y(0), X(k), Y(0) + 5, "#4a5568");
            svg.Text(X(k), Y(0) + 18, k.ToString(CultureInfo.InvariantCulture), "middle", 11);
        }
        svg.Text(Left + Plot / 2.0, Y(0) + 36, logScale ? "k (log scale)" : "k", "middle", 11);
        for (var i = 0; i < series.Count; i++)
        {
            var color = Colors[i % Colors.Length];
            var points = series[i].Points.Select(p => (X(p.K), Y(p.PassAtK))).ToList();
            svg.Polyline(points, color);
            foreach (var (x, y) in points) svg.Circle(x, y, 3, color);
            svg.Line(Left + Plot + 20, Top + 10 + i * 18, Left + Plot + 40, Top + 10 + i * 18, color, 3);
            svg.Text(Left + Plot + 46, Top + 14 + i * 18, series[i].Name, size: 11);
        }
        return svg.ToString();
    }
}
