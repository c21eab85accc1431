using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Report;

/// <summary>
/// Victims by age band and sex as paired horizontal bars, built in the report stage because no general chart fits:
/// the who of the SNA. Hidden cells (small numbers, and their secondary partners) are not drawn and say so.
/// </summary>
internal static class VictimChart
{
    public static Chart Create(IReadOnlyList<string> bands, long[,] grid, bool[,] hidden, ChartCaption caption)
    {
        const string title = "Victims of serious violence by age and sex";
        // Row 0 is drawn at the bottom, so the youngest band goes on top.
        var order = Enumerable.Range(0, bands.Count).Reverse().ToList();
        var plot = ChartBuilder.NewPlot(title, "Offences (count)", string.Empty, caption);
        var bars = new List<Bar>();
        double max = 0;
        for (var k = 0; k < order.Count; k++)
        {
            var b = order[k];
            foreach (var (s, offset, colour) in new[] { (0, 0.2, ChartPalette.Orange), (1, -0.2, ChartPalette.Blue) })
            {
                if (hidden[b, s]) continue;
                bars.Add(new Bar { Position = k + offset, Value = grid[b, s], Size = 0.38, FillColor = colour, LineWidth = 0 });
                max = Math.Max(max, grid[b, s]);
            }
        }
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars).Horizontal = true;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, order.Count).Select(i => (double)i).ToArray(), order.Select(b => $"Aged {bands[b]}").ToArray());
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.SetLimits(0, max > 0 ? max * 1.1 : 1, -0.6, order.Count - 0.4);
            ChartBuilder.ShowManualLegend(plot, [ChartBuilder.FillItem("Female", ChartPalette.Orange), ChartBuilder.FillItem("Male", ChartPalette.Blue)]);
        }
        else
        {
            ChartBuilder.ShowNoData(plot);
        }
        plot.Grid.YAxisStyle.IsVisible = false;

        string Cell(int b, int s) => hidden[b, s] ? ChartDataTable.SuppressedText : ReportFormat.Count(grid[b, s]);
        var rows = Enumerable.Range(0, bands.Count).Select(b => (IReadOnlyList<string>)[$"Aged {bands[b]}", Cell(b, 0), Cell(b, 1)]).ToList();
        var peak = Enumerable.Range(0, bands.Count).OrderByDescending(b => grid[b, 0] + grid[b, 1]).ThenBy(b => b).FirstOrDefault();
        var alt = bands.Count == 0
            ? "Bar chart of victims by age and sex with no recorded ages to show."
            : $"Paired bar chart of serious violence offences by victim age band and sex for {bands.Count} age bands; the most victims were aged {bands[peak]}.";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Victim age", "Female victims (offences)", "Male victims (offences)"], rows));
    }
}
