using ScottPlot;
using SkiaSharp;

namespace NeedsAssessment.Charts;

/// <summary>
/// What every map shares instead of grid coordinates on its axes: place names placed so none overlaps another, a scale
/// bar and a north arrow. British National Grid metres mean nothing to a reader, so the axes carry no ticks or labels.
/// </summary>
internal static class MapDecorations
{
    /// <summary>Takes the grid metres off the axes: no ticks, tick labels or axis titles (the frame stays).</summary>
    public static void HideGridAxes(Plot plot)
    {
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            axis.Label.Text = string.Empty;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            axis.TickLabelStyle.IsVisible = false;
        }
    }

    /// <summary>
    /// Adds the scale bar (a round length near a fifth of <paramref name="span"/> metres), the north arrow and the
    /// labels of <paramref name="places"/>, and hides the grid metres.
    /// </summary>
    /// <param name="plot">The map.</param>
    /// <param name="span">Width of the mapped area in metres.</param>
    /// <param name="places">Places to label, most important first; a label that would overlap one placed before it, the
    /// scale bar or the arrow, or leave the map, is left out.</param>
    /// <param name="keepClear">What the labels must not cover (significant cells, clusters), in map coordinates; a
    /// town's dot is left off where it would cover one, and its label moves beside it or is left out.</param>
    public static void Add(Plot plot, double span, IReadOnlyList<MapPlace>? places = null, IReadOnlyList<CoordinateRect>? keepClear = null)
    {
        HideGridAxes(plot);
        plot.Add.Plottable(new MapOverlay(places ?? [], ChartBuilder.NiceLength(span), keepClear ?? []));
    }

    /// <summary>The labels, scale bar and arrow, laid out at render time when the map's pixel scale is known.</summary>
    internal sealed class MapOverlay(IReadOnlyList<MapPlace> places, double scaleMetres, IReadOnlyList<CoordinateRect> keepClear) : IPlottable
    {
        private const float Inset = 6;

        private const float Pad = 2;

        public bool IsVisible { get; set; } = true;

        public IAxes Axes { get; set; } = new Axes();

        public IEnumerable<LegendItem> LegendItems => [];

        /// <summary>The places whose labels fitted at the last render, in the order placed (for tests).</summary>
        public IReadOnlyList<(MapPlace Place, PixelRect Box)> Placed { get; private set; } = [];

        /// <summary>The scale bar's and arrow's boxes at the last render.</summary>
        public IReadOnlyList<PixelRect> Furniture { get; private set; } = [];

        public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

        public void Render(RenderPack rp)
        {
            var data = rp.DataRect;
            using var paint = Paint.NewDisposablePaint();
            var taken = new List<PixelRect> { North(rp.Canvas, paint, data), ScaleBar(rp.Canvas, paint, data) };
            Furniture = [.. taken];
            var clear = keepClear.Select(r => Axes.GetPixelRect(r)).Select(r => new PixelRect(Math.Min(r.Left, r.Right) - 1, Math.Max(r.Left, r.Right) + 1, Math.Max(r.Top, r.Bottom) + 1, Math.Min(r.Top, r.Bottom) - 1)).ToList();
            var placed = new List<(MapPlace, PixelRect)>();
            foreach (var place in places)
            {
                var p = Axes.GetPixel(new Coordinates(place.X, place.Y));
                if (!data.Contains(p)) continue;
                var label = Style(place);
                var size = label.Measure(place.Name, paint);
                var (w, h) = (size.Width + (2 * Pad), size.Height + (2 * Pad));
                var dot = new PixelRect(p.X - 4, p.X + 4, p.Y + 4, p.Y - 4);
                // Beside the dot (right, left, above, below), then farther out; an area's name on its centre, then above or below.
                var candidates = place.Point
                    ? new[] { 6f, 18f, 32f }.SelectMany(d => new[]
                    {
                        Box(p.X + d, p.Y - (h / 2), w, h), Box(p.X - d - w, p.Y - (h / 2), w, h),
                        Box(p.X - (w / 2), p.Y - d - h, w, h), Box(p.X - (w / 2), p.Y + d, w, h),
                    })
                    : new[] { 0f, 1f, -1f, 2f, -2f }.Select(k => Box(p.X - (w / 2), p.Y - (h / 2) + (k * h), w, h));
                var inner = new PixelRect(data.Left + 2, data.Right - 2, data.Bottom - 2, data.Top + 2);
                var showDot = place.Point && !clear.Any(c => Overlaps(c, dot));
                foreach (var box in candidates)
                {
                    if (!Inside(box, inner) || taken.Any(t => Overlaps(t, box)) || clear.Any(c => Overlaps(c, box)) || (showDot && taken.Any(t => Overlaps(t, dot)))) continue;
                    if (showDot) DrawDot(rp.Canvas, p);
                    label.Render(rp.Canvas, new Pixel(box.Left + Pad, box.Top + Pad), paint, place.Name);
                    taken.Add(box);
                    if (showDot) taken.Add(dot);
                    placed.Add((place, box));
                    break;
                }
            }

            Placed = placed;
        }

        private static LabelStyle Style(MapPlace place)
        {
            var style = new LabelStyle
            {
                FontName = ChartFonts.FamilyName,
                FontSize = place.Emphasis ? 14 : 12.5f,
                ForeColor = ChartPalette.Ink,
                BackgroundColor = Colors.White.WithAlpha(0.8),
                Padding = Pad,
                BorderRadius = 2,
                Alignment = Alignment.UpperLeft,
            };
            if (place.Emphasis) style.Font = ChartFonts.Bold;
            return style;
        }

        private static PixelRect Box(float left, float top, float width, float height) => new(left, left + width, top + height, top);

        private static bool Inside(PixelRect box, PixelRect area) => box.Left >= area.Left && box.Right <= area.Right && box.Top >= area.Top && box.Bottom <= area.Bottom;

        private static bool Overlaps(PixelRect a, PixelRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

        private static void DrawDot(SKCanvas canvas, Pixel p)
        {
            using var fill = new SKPaint { Color = ToSk(ChartPalette.Ink), IsAntialias = true, Style = SKPaintStyle.Fill };
            using var ring = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
            canvas.DrawCircle(p.X, p.Y, 3.5f, fill);
            canvas.DrawCircle(p.X, p.Y, 3.5f, ring);
        }

        /// <summary>A north arrow in the upper-left corner (British National Grid north, within a degree or two of true north in England and Wales).</summary>
        private static PixelRect North(SKCanvas canvas, Paint paint, PixelRect data)
        {
            var label = new LabelStyle { FontName = ChartFonts.FamilyName, FontSize = 14, ForeColor = ChartPalette.Ink, Alignment = Alignment.UpperCenter };
            label.Font = ChartFonts.Bold;
            var text = label.Measure("N", paint);
            var cx = data.Left + Inset + 14;
            var top = data.Top + Inset;
            var box = new PixelRect(data.Left + Inset, data.Left + Inset + 28, top + text.Height + 30, top);
            using (var back = new SKPaint { Color = ToSk(Colors.White.WithAlpha(0.8)), Style = SKPaintStyle.Fill, IsAntialias = true })
                canvas.DrawRect(box.Left, box.Top, box.Width, box.Height, back);
            label.Render(canvas, new Pixel(cx, top), paint, "N");
            var tip = top + text.Height + 2;
            using var path = new SKPath();
            path.MoveTo(cx, tip);
            path.LineTo(cx + 8, tip + 24);
            path.LineTo(cx, tip + 18);
            path.LineTo(cx - 8, tip + 24);
            path.Close();
            using var fill = new SKPaint { Color = ToSk(ChartPalette.Ink), Style = SKPaintStyle.Fill, IsAntialias = true };
            canvas.DrawPath(path, fill);
            return box;
        }

        /// <summary>A scale bar in the lower-right corner: a black and white bar of <c>scaleMetres</c> with its length written under it.</summary>
        private PixelRect ScaleBar(SKCanvas canvas, Paint paint, PixelRect data)
        {
            var x0 = Axes.GetCoordinateX(data.Left);
            var length = Math.Abs(Axes.GetPixelX(x0 + scaleMetres) - Axes.GetPixelX(x0));
            var label = new LabelStyle { FontName = ChartFonts.FamilyName, FontSize = 12.5f, ForeColor = ChartPalette.Ink, Alignment = Alignment.UpperCenter };
            var text = ChartBuilder.Distance(scaleMetres);
            var size = label.Measure(text, paint);
            var right = data.Right - Inset - 6;
            var left = right - length;
            var barTop = data.Bottom - Inset - size.Height - 12;
            var box = new PixelRect(Math.Min(left, right - size.Width) - 6, right + 6, data.Bottom - Inset, barTop - 6);
            using (var back = new SKPaint { Color = ToSk(Colors.White.WithAlpha(0.8)), Style = SKPaintStyle.Fill, IsAntialias = true })
                canvas.DrawRect(box.Left, box.Top, box.Width, box.Height, back);
            using var ink = new SKPaint { Color = ToSk(ChartPalette.Ink), Style = SKPaintStyle.Fill, IsAntialias = false };
            using var outline = new SKPaint { Color = ToSk(ChartPalette.Ink), Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = false };
            var half = length / 2;
            canvas.DrawRect(left, barTop, half, 6, ink);
            canvas.DrawRect(left, barTop, length, 6, outline);
            label.Render(canvas, new Pixel((left + right) / 2, barTop + 9), paint, text);
            return box;
        }

        private static SKColor ToSk(Color c) => new(c.Red, c.Green, c.Blue, c.Alpha);
    }
}
