using NeedsAssessment.Statistics;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Lorenz curve of how concentrated events are across areas, with the line of equality.</summary>
public static class LorenzChart
{
    /// <summary>
    /// Draws the Lorenz curve (areas ordered by ascending rate) in percent against the diagonal line of
    /// equality; the legend gives the Gini coefficient.
    /// </summary>
    /// <param name="gini">Result of <see cref="GiniCoefficient.Calculate"/>.</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="populationLabel">x-axis label (cumulative share of population or of areas).</param>
    /// <param name="countLabel">y-axis label (cumulative share of events).</param>
    /// <returns>The chart; its data table lists the curve's vertices in percent.</returns>
    public static Chart Create(
        GiniResult gini,
        ChartCaption caption,
        string title = "Concentration of serious violence across areas (Lorenz curve)",
        string populationLabel = "Cumulative share of population (%)",
        string countLabel = "Cumulative share of offences (%)")
    {
        ArgumentNullException.ThrowIfNull(gini);
        var points = (gini.Lorenz ?? []).Where(p => double.IsFinite(p.CumulativePopulationShare) && double.IsFinite(p.CumulativeCountShare)).ToList();
        var plot = ChartBuilder.NewPlot(title, populationLabel, countLabel, caption);
        var equality = plot.Add.Line(0, 0, 100, 100);
        equality.LineColor = ChartPalette.MutedInk;
        equality.LineWidth = 1.5f;
        equality.LinePattern = LinePattern.Dashed;
        equality.MarkerSize = 0;
        var legend = new List<LegendItem> { ChartBuilder.LineItem("Line of equality", ChartPalette.MutedInk, 1.5f, LinePattern.Dashed) };
        var giniText = double.IsFinite(gini.Gini) ? gini.Gini.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "not available";
        if (points.Count > 0)
        {
            var curve = plot.Add.Scatter(points.Select(p => p.CumulativePopulationShare * 100).ToArray(), points.Select(p => p.CumulativeCountShare * 100).ToArray(), ChartPalette.Vermillion);
            curve.LineWidth = 3;
            curve.MarkerSize = points.Count <= 40 ? 5 : 0;
            legend.Add(ChartBuilder.LineItem($"Lorenz curve (Gini = {giniText})", ChartPalette.Vermillion, 3));
        }
        else
        {
            ChartBuilder.ShowNoData(plot);
        }

        // Fixed 0-100 on both axes: equal units would widen the x axis into impossible negative shares.
        plot.Axes.SetLimits(0, 100, 0, 100);
        ChartBuilder.ShowManualLegend(plot, legend, Alignment.UpperLeft); // above the diagonal: a Lorenz curve never goes there
        var rows = points.Select(p => (IReadOnlyList<string>)[ChartBuilder.Number(p.CumulativePopulationShare * 100, 1), ChartBuilder.Number(p.CumulativeCountShare * 100, 1)]).ToList();
        var alt = points.Count == 0
            ? "Lorenz curve with no areas to show."
            : $"Lorenz curve of the concentration of offences across areas, Gini coefficient {giniText} (0 = spread in proportion to population, 1 = all in one area){HalfShare(points)}.";
        return new Chart(plot, title, alt, caption, new ChartDataTable([populationLabel, countLabel], rows));
    }

    // The share of population holding the top half of events, read off the curve: a sentence SROs can quote.
    private static string HalfShare(List<LorenzPoint> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            if (a.CumulativeCountShare <= 0.5 && b.CumulativeCountShare >= 0.5 && b.CumulativeCountShare > a.CumulativeCountShare)
            {
                var t = (0.5 - a.CumulativeCountShare) / (b.CumulativeCountShare - a.CumulativeCountShare);
                var x = a.CumulativePopulationShare + (t * (b.CumulativePopulationShare - a.CumulativePopulationShare));
                return $"; half of offences occur where {ChartBuilder.Number((1 - x) * 100, 0)}% of the population live";
            }
        }

        return string.Empty;
    }
}
