using System.Globalization;
using System.Security;
using System.Text;

namespace Samsara.Judging.Reports;

/// <summary>A few SVG primitives, written by hand: numbers in invariant culture with two decimals, text escaped.</summary>
internal sealed class Svg
{
    private readonly StringBuilder body = new();

    public Svg(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null) =>
        body.Append(CultureInfo.InvariantCulture,
            $"""  <line x1="{N(x1)}" y1="{N(y1)}" x2="{N(x2)}" y2="{N(y2)}" stroke="{stroke}" stroke-width="{N(width)}"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>""").Append('\n');

    public void Rect(double x, double y, double width, double height, string fill) =>
        body.Append(CultureInfo.InvariantCulture, $"""  <rect x="{N(x)}" y="{N(y)}" width="{N(width)}" height="{N(height)}" fill="{fill}"/>""").Append('\n');

    public void Circle(double x, double y, double r, string fill) =>
        body.Append(CultureInfo.InvariantCulture, $"""  <circle cx="{N(x)}" cy="{N(y)}" r="{N(r)}" fill="{fill}"/>""").Append('\n');

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2) =>
        body.Append(CultureInfo.InvariantCulture,
            $"""  <polyline points="{string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"))}" fill="none" stroke="{stroke}" stroke-width="{N(width)}"/>""").Append('\n');

    public void Text(double x, double y, string text, string anchor = "start", int size = 12, string weight = "normal") =>
        body.Append(CultureInfo.InvariantCulture,
            $"""  <text x="{N(x)}" y="{N(y)}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}">{SecurityElement.Escape(text)}</text>""").Append('\n');

    public override string ToString() =>
        $"""
        <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif">
          <rect width="100%" height="100%" fill="white"/>
        {body}</svg>

        """;

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
