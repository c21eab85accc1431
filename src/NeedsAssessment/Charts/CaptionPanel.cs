using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>
/// Draws the caption as left-aligned lines along the bottom of the figure, below the x axis, so it never
/// overlaps data. Long lines are wrapped at word boundaries first (the panel's height is measured before the figure's
/// width is known, so the wrap is by characters, sized for the report's 1,000-pixel charts); a line still too wide
/// for a smaller figure is drawn in a smaller font rather than clipped.
/// </summary>
internal sealed class CaptionPanel(IReadOnlyList<string> lines) : IPanel
{
    private const float Padding = 8;

    /// <summary>Characters per caption line: about 940 pixels of 12-pixel DejaVu Sans.</summary>
    internal const int WrapAt = 135;

    public IReadOnlyList<string> Lines { get; } = Wrap(lines, WrapAt);

    /// <summary>Splits each line at spaces into pieces of at most <paramref name="width"/> characters (a longer word stands alone).</summary>
    internal static IReadOnlyList<string> Wrap(IReadOnlyList<string> lines, int width)
    {
        var wrapped = new List<string>();
        foreach (var line in lines)
        {
            var current = new System.Text.StringBuilder();
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (current.Length > 0 && current.Length + 1 + word.Length > width)
                {
                    wrapped.Add(current.ToString());
                    current.Clear();
                }

                if (current.Length > 0) current.Append(' ');
                current.Append(word);
            }

            wrapped.Add(current.ToString());
        }

        return wrapped;
    }

    public bool IsVisible { get; set; } = true;

    public Edge Edge => Edge.Bottom;

    public bool ShowDebugInformation { get; set; }

    public float MinimumSize { get; set; }

    public float MaximumSize { get; set; } = float.MaxValue;

    public LabelStyle Label { get; } = new()
    {
        FontName = ChartFonts.FamilyName,
        FontSize = 12,
        ForeColor = ChartPalette.MutedInk,
        Alignment = Alignment.UpperLeft,
    };

    public float Measure(Paint paint)
    {
        if (!IsVisible || Lines.Count == 0)
        {
            return 0;
        }

        return (LineHeight(paint) * Lines.Count) + (2 * Padding);
    }

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint)
    {
        return new PixelRect(dataRect.Left, dataRect.Right, dataRect.Bottom + offset + size, dataRect.Bottom + offset);
    }

    public void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible || Lines.Count == 0)
        {
            return;
        }

        using var paint = Paint.NewDisposablePaint();
        var panel = GetPanelRect(rp.DataRect, size, offset, paint);
        var figure = ChartBuilder.Figure(rp);
        var left = figure.Left + Padding;
        var available = figure.Width - (2 * Padding);
        var lineHeight = LineHeight(paint);
        var y = panel.Top + Padding;
        var nominal = Label.FontSize;
        foreach (var line in Lines)
        {
            Label.FontSize = nominal;
            var width = Label.Measure(line, paint).Width;
            if (width > available && width > 0)
            {
                // Shrink rather than clip: a caption cut off mid-source is worse than small print.
                Label.FontSize = Math.Max(7, nominal * available / width);
            }

            Label.Render(rp.Canvas, new Pixel(left, y), paint, line);
            y += lineHeight;
        }

        Label.FontSize = nominal;
    }

    private float LineHeight(Paint paint) => Label.Measure("Ag", paint).Height * 1.15f;
}
