using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>
/// Draws the chart's title along the top, centred over the data area but moved sideways so it never leaves the figure
/// (ScottPlot's own title is centred over the data area whatever its width, and a long title beside a legend on the
/// right was cut off on the left). A title longer than <see cref="WrapAt"/> characters is wrapped at word boundaries;
/// a line still wider than the figure is drawn in a smaller font rather than clipped.
/// </summary>
internal sealed class TitlePanel(string title) : IPanel
{
    private const float Padding = 8;

    /// <summary>Characters per title line: about 900 pixels of 18-pixel DejaVu Sans.</summary>
    internal const int WrapAt = 85;

    public IReadOnlyList<string> Lines { get; } = string.IsNullOrWhiteSpace(title) ? [] : CaptionPanel.Wrap([title], WrapAt);

    public bool IsVisible { get; set; } = true;

    public Edge Edge => Edge.Top;

    public bool ShowDebugInformation { get; set; }

    public float MinimumSize { get; set; }

    public float MaximumSize { get; set; } = float.MaxValue;

    public LabelStyle Label { get; } = new()
    {
        FontName = ChartFonts.FamilyName,
        FontSize = 18,
        ForeColor = ChartPalette.Ink,
        Alignment = Alignment.UpperLeft,
    };

    /// <summary>Where each line was drawn at the last render (for tests).</summary>
    public IReadOnlyList<PixelRect> LastRects { get; private set; } = [];

    public float Measure(Paint paint) => !IsVisible || Lines.Count == 0 ? 0 : (LineHeight(paint) * Lines.Count) + (2 * Padding);

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(dataRect.Left, dataRect.Right, dataRect.Top - offset, dataRect.Top - offset - size);

    public void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible || Lines.Count == 0) return;
        using var paint = Paint.NewDisposablePaint();
        var panel = GetPanelRect(rp.DataRect, size, offset, paint);
        var figure = ChartBuilder.Figure(rp);
        var available = figure.Width - (2 * Padding);
        var lineHeight = LineHeight(paint);
        var y = panel.Top + Padding;
        var nominal = Label.FontSize;
        var rects = new List<PixelRect>();
        foreach (var line in Lines)
        {
            Label.FontSize = nominal;
            var width = Label.Measure(line, paint).Width;
            if (width > available && width > 0)
            {
                Label.FontSize = Math.Max(9, nominal * available / width);
                width = Label.Measure(line, paint).Width;
            }

            var centre = (rp.DataRect.Left + rp.DataRect.Right) / 2;
            var left = Math.Clamp(centre - (width / 2), figure.Left + Padding, Math.Max(figure.Left + Padding, figure.Right - Padding - width));
            Label.Render(rp.Canvas, new Pixel(left, y), paint, line);
            rects.Add(new PixelRect(left, left + width, y + lineHeight, y));
            y += lineHeight;
        }

        Label.FontSize = nominal;
        LastRects = rects;
    }

    private float LineHeight(Paint paint) => Label.Measure("Ag", paint).Height * 1.15f;
}
