using System.Globalization;
using System.Text;
using NeedsAssessment.Modelling;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Area typology cluster profiles as a heat map of standardised indicator means.</summary>
public static class TypologyProfileChart
{
    /// <summary>Readable names of <see cref="AreaTypology.IndicatorNames"/>, in the same order.</summary>
    public static IReadOnlyList<string> DefaultIndicatorLabels { get; } =
        ["Violence rate", "Public place", "Night-time economy", "Victims under 25", "Domestic abuse", "Weapon-enabled", "Deprivation"];

    // Classes of z, symmetric about the county average, matched to the blue-orange diverging scale of the hot spot map.
    internal static readonly (double Upper, string Label, Color Fill, Color Text)[] Classes =
    [
        (-1.5, "z below -1.5", Color.FromHex("#2166AC"), Colors.White),
        (-0.5, "-1.5 to -0.5", Color.FromHex("#92C5DE"), ChartPalette.Ink),
        (0.5, "-0.5 to 0.5", Color.FromHex("#F7F7F7"), ChartPalette.Ink),
        (1.5, "0.5 to 1.5", Color.FromHex("#F4A582"), ChartPalette.Ink),
        (double.PositiveInfinity, "z above 1.5", Color.FromHex("#B35806"), Colors.White),
    ];

    /// <summary>
    /// One row per cluster (cluster 1, the highest violence rate, at the top), one column per indicator. Each cell is
    /// the cluster's mean standardised value (z: standard deviations from the county average of all areas), printed
    /// to one decimal and coloured on a five-class diverging scale, blue below and orange above the average. Each row
    /// is labelled with its cluster number and size, and the cluster's plain-language profile is written beside it.
    /// Non-finite values are left blank and listed as "no data".
    /// </summary>
    /// <param name="clusters">Cluster profiles (<see cref="TypologyResult.Clusters"/>).</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="indicatorLabels">Column names in centroid order; default <see cref="DefaultIndicatorLabels"/>.</param>
    /// <returns>The chart; its data table has each cluster's size, profile and z per indicator.</returns>
    public static Chart Create(
        IReadOnlyList<ClusterProfile> clusters,
        ChartCaption caption,
        string title = "Area typology: how each cluster differs from the county average",
        IReadOnlyList<string>? indicatorLabels = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        indicatorLabels ??= DefaultIndicatorLabels;
        var ordered = clusters.OrderBy(c => c.Cluster).ToList();
        var columns = Math.Max(ordered.Select(c => c.Centroid.Count).DefaultIfEmpty(0).Max(), ordered.Count > 0 ? indicatorLabels.Count : 0);
        string Indicator(int j) => j < indicatorLabels.Count ? indicatorLabels[j] : $"Indicator {j + 1}";
        var blank = ordered.Sum(c => Enumerable.Range(0, columns).Count(j => j >= c.Centroid.Count || !double.IsFinite(c.Centroid[j])));
        caption = caption.WithNote(
            "Cell: cluster mean in standard deviations from the county average of all areas (z); blue below, orange above the average."
            + (blank > 0 ? $" Blank cells ({blank}): no data." : string.Empty));

        var plot = ChartBuilder.NewPlot(title, "Indicator", string.Empty, caption);
        if (ordered.Count == 0 || columns == 0)
        {
            ChartBuilder.ShowNoData(plot);
            ChartBuilder.ShowManualLegend(plot, []);
            return new Chart(plot, title, "Heat map of area typology cluster profiles with no clusters to show.", caption, Table(ordered, columns, Indicator));
        }

        // Row 0 at the top: y runs downwards from cluster 1 so the reading order matches the numbering.
        double RowY(int i) => ordered.Count - 1 - i;
        for (var i = 0; i < ordered.Count; i++)
        {
            var c = ordered[i];
            for (var j = 0; j < columns; j++)
            {
                var z = j < c.Centroid.Count ? c.Centroid[j] : double.NaN;
                var cell = plot.Add.Rectangle(j - 0.5, j + 0.5, RowY(i) - 0.5, RowY(i) + 0.5);
                cell.LineColor = Colors.White;
                cell.LineWidth = 2;
                if (!double.IsFinite(z))
                {
                    cell.FillColor = Colors.White;
                    continue;
                }

                var cls = Classes.First(k => z < k.Upper || double.IsPositiveInfinity(k.Upper));
                cell.FillColor = cls.Fill;
                var text = plot.Add.Text(z.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture), j, RowY(i));
                text.LabelFontSize = 13;
                text.LabelBold = Math.Abs(z) >= 0.5;
                text.LabelFontColor = cls.Text;
                text.LabelAlignment = Alignment.MiddleCenter;
            }

            // Written right of the grid, inside the data area, so a long profile has the full remaining width.
            var profile = plot.Add.Text(Wrap(c.Profile, 36), columns - 0.5, RowY(i));
            profile.LabelFontSize = 12;
            profile.LabelFontColor = ChartPalette.Ink;
            profile.LabelAlignment = Alignment.MiddleLeft;
            profile.OffsetX = 10;
        }

        var rowLabels = ordered.Select(c => $"Cluster {c.Cluster}\n{c.Areas.ToString("N0", CultureInfo.InvariantCulture)} area{(c.Areas == 1 ? string.Empty : "s")}").ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, ordered.Count).Select(RowY).ToArray(), rowLabels);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, columns).Select(j => (double)j).ToArray(),
            Enumerable.Range(0, columns).Select(j => Wrap(Indicator(j), 10)).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.Frame(false);

        // The grid takes a bit over half the width; the rest is for the profile text.
        plot.Axes.SetLimits(-0.5, columns - 0.5 + (columns * 0.6), -0.5, ordered.Count - 0.5);
        // Short labels keep the key narrow, leaving the width to the grid and the profile text; the caption says what z is.
        ChartBuilder.ShowManualLegend(plot, Classes.Select(k => ChartBuilder.FillItem(k.Label, k.Fill, ChartPalette.SuppressedHatch)));

        var highest = ordered[0];
        var alt = $"Heat map of {ordered.Count} area typology cluster{(ordered.Count == 1 ? string.Empty : "s")} by {columns} standardised indicators; cluster {highest.Cluster} ({highest.Areas.ToString("N0", CultureInfo.InvariantCulture)} areas) is {highest.Profile}.";
        return new Chart(plot, title, alt, caption, Table(ordered, columns, Indicator));
    }

    /// <summary>Breaks <paramref name="text"/> into lines of at most about <paramref name="width"/> characters at spaces.</summary>
    /// <param name="text">Text to wrap.</param>
    /// <param name="width">Target line length in characters (a single longer word is kept whole).</param>
    /// <returns>The text with line breaks.</returns>
    internal static string Wrap(string text, int width)
    {
        var result = new StringBuilder();
        var line = 0;
        foreach (var word in (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // A hyphenated word may break after its hyphen ("Weapon-" / "enabled") when it does not fit whole.
            var parts = word.Length > width && word.IndexOf('-', StringComparison.Ordinal) is > 0 and var h && h < word.Length - 1
                ? new[] { word[..(h + 1)], word[(h + 1)..] }
                : [word];
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                if (line > 0 && line + (i == 0 ? 1 : 0) + part.Length > width)
                {
                    result.Append('\n');
                    line = 0;
                }
                else if (line > 0 && i == 0)
                {
                    result.Append(' ');
                    line++;
                }

                result.Append(part);
                line += part.Length;
            }
        }

        return result.ToString();
    }

    private static ChartDataTable Table(List<ClusterProfile> ordered, int columns, Func<int, string> indicator)
    {
        var rows = ordered.Select(c => (IReadOnlyList<string>)
            [
                c.Cluster.ToString(CultureInfo.InvariantCulture),
                c.Areas.ToString("N0", CultureInfo.InvariantCulture),
                c.Profile,
                .. Enumerable.Range(0, columns).Select(j => j < c.Centroid.Count ? ChartBuilder.NumberOr(c.Centroid[j], false, 2) : ChartDataTable.MissingText),
            ])
            .ToList();
        return new ChartDataTable(["Cluster", "Areas (LSOAs)", "Profile", .. Enumerable.Range(0, columns).Select(j => $"{indicator(j)} (z)")], rows);
    }
}
