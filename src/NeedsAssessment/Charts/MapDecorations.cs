using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>The scale bar and grid-north note the grid maps share.</summary>
internal static class MapDecorations
{
    /// <summary>Adds a scale bar about a fifth of <paramref name="span"/> metres long and a grid-north note.</summary>
    public static void Add(Plot plot, double span)
    {
        var bar = ChartBuilder.NiceLength(span);
        var scale = plot.Add.ScaleBar(bar, 0);
        scale.XLabel = ChartBuilder.Distance(bar);
        scale.YLabel = string.Empty;
        scale.LineWidth = 3;
        scale.LineColor = ChartPalette.Ink;
        var north = plot.Add.Annotation("▲ N  (grid north)", Alignment.UpperLeft);
        north.LabelFontSize = 13;
        north.LabelFontColor = ChartPalette.Ink;
        north.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        north.LabelBorderColor = Color.FromHex("#9E9E9E");
        north.LabelShadowColor = Colors.Transparent;
    }
}
