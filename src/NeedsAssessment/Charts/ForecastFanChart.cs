using System.Globalization;
using NeedsAssessment.Modelling;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>One district's monthly counts with the back-test and the forecast drawn as prediction-interval fans.</summary>
public static class ForecastFanChart
{
    private static readonly Color ForecastColour = ChartPalette.Blue;
    private static readonly Color BacktestColour = ChartPalette.Orange;

    /// <summary>
    /// Draws the observed monthly history as a line, the back-test (months held out and forecast from the earlier
    /// data) as an orange fan with the observed months marked on it, and the forecast beyond the data as a blue fan:
    /// the darker band is the 80% prediction interval, the lighter one the 95% interval, the line the point forecast.
    /// A dotted vertical line marks where the forecast starts. Points of other districts and other methods are ignored.
    /// </summary>
    /// <param name="points">Forecast points (<see cref="ForecastResult.Points"/>), any districts.</param>
    /// <param name="districtCode">The district to draw.</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title; default names the district.</param>
    /// <param name="method">Method whose back-test is drawn (history and forecast come from <see cref="DistrictForecast.SeasonalPoisson"/>).</param>
    /// <param name="countLabel">What is counted, with units (the y axis).</param>
    /// <returns>The chart; its data table has each month's kind, observed count, point forecast and interval limits.</returns>
    public static Chart Create(
        IReadOnlyList<ForecastPoint> points,
        string districtCode,
        ChartCaption caption,
        string? title = null,
        string method = DistrictForecast.SeasonalPoisson,
        string countLabel = "Serious violence offences per month")
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(districtCode);
        var mine = points.Where(p => string.Equals(p.DistrictCode, districtCode, StringComparison.Ordinal)).ToList();
        var name = mine.Select(p => p.DistrictName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? districtCode;
        title ??= $"Serious violence in {name}: history, back-test and 12-month forecast";
        var history = Series(mine, "history", DistrictForecast.SeasonalPoisson);
        var backtest = Series(mine, "backtest", method);
        var forecast = Series(mine, "forecast", DistrictForecast.SeasonalPoisson);
        var missing = history.Count(p => !Finite(p.Observed));
        if (missing > 0)
        {
            caption = caption.WithNote($"Gaps: {missing} month{(missing == 1 ? string.Empty : "s")} with no data.");
        }

        if (backtest.Count > 0)
        {
            caption = caption.WithNote($"Back-test: last {backtest.Count} months forecast from earlier data ({MethodName(method)}).");
        }

        if (backtest.Count > 0 || forecast.Count > 0)
        {
            caption = caption.WithNote("Dashed: point forecast; dark band: 80%, light band: 95% prediction interval.");
        }

        var plot = ChartBuilder.NewPlot(title, "Month", countLabel, caption);
        var legend = new List<LegendItem>();
        static double X(ForecastPoint p) => p.Month.ToOADate();

        // Widest band first so the narrower, darker band and the lines are painted over it.
        AddFan(plot, legend, backtest, BacktestColour, "Back-test");
        AddFan(plot, legend, forecast, ForecastColour, "Forecast");

        var observed = history.Where(p => Finite(p.Observed)).ToList();
        if (observed.Count > 0)
        {
            AddSegments(plot, history.Select(X).ToArray(), history.Select(p => Finite(p.Observed) ? p.Observed : null).ToArray(), ChartPalette.Ink, 1.5f, 0);
            legend.Insert(0, ChartBuilder.LineItem("Observed", ChartPalette.Ink, 1.5f));
        }

        var testObserved = backtest.Where(p => Finite(p.Observed)).ToList();
        if (testObserved.Count > 0)
        {
            var dots = plot.Add.Markers(testObserved.Select(X).ToArray(), testObserved.Select(p => p.Observed!.Value).ToArray(), MarkerShape.FilledCircle, 7, ChartPalette.Ink);
            dots.MarkerLineColor = Colors.White;
            dots.MarkerLineWidth = 1;
            var outside = testObserved.Count(p => p.Lower95 is { } lo && p.Upper95 is { } hi && (p.Observed < lo || p.Observed > hi));
            legend.Insert(observed.Count > 0 ? 1 : 0, ChartBuilder.MarkerItem($"Observed, back-test months ({outside} of {testObserved.Count} outside 95%)", ChartPalette.Ink, MarkerShape.FilledCircle, 7));
        }

        var all = history.Concat(backtest).Concat(forecast).ToList();
        if (all.Count == 0 || (observed.Count == 0 && backtest.Count == 0 && forecast.Count == 0))
        {
            ChartBuilder.ShowNoData(plot, mine.Count > 0 ? "No observed or forecast months" : ChartBuilder.NoDataMessage);
        }
        else
        {
            if (forecast.Count > 0 && history.Count > 0)
            {
                // Half a month before the first forecast month: the boundary between data and forecast.
                var start = plot.Add.VerticalLine(X(forecast[0]) - 15, 1.5f, ChartPalette.MutedInk, LinePattern.Dotted);
                start.LabelText = string.Empty;
                legend.Add(ChartBuilder.LineItem($"Forecast from {forecast[0].Month.ToString("MMM yyyy", CultureInfo.InvariantCulture)}", ChartPalette.MutedInk, 1.5f, LinePattern.Dotted));
            }

            var top = all.SelectMany(p => new[] { p.Observed, p.Mean, p.Upper80, p.Upper95 }).Where(Finite).Select(v => v!.Value).DefaultIfEmpty(0).Max();

            // Counts start at zero so the fan's width reads against the level.
            plot.Axes.SetLimitsY(0, top > 0 ? top * 1.05 : 1);
            var first = all.Min(X);
            var last = all.Max(X);
            plot.Axes.SetLimitsX(first - 20, Math.Max(last, first + 60) + 20);
            plot.Axes.Bottom.TickGenerator = MonthTicks(all.Select(p => p.Month).Distinct().Order().ToList());
        }

        // Below the plot: inside it, a key wrapped to three rows covered the highest months.
        ChartBuilder.ShowLegendBelow(plot, legend);
        plot.Legend.Orientation = Orientation.Horizontal;

        var rows = all.OrderBy(p => p.Month).ThenBy(p => KindOrder(p.Kind))
            .Select(p => (IReadOnlyList<string>)
            [
                p.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture),
                p.Kind,
                p.Kind == "forecast" ? string.Empty : ChartBuilder.NumberOr(p.Observed, false, 0),
                ChartBuilder.NumberOr(p.Mean, false, 1),
                Limit(p.Lower95),
                Limit(p.Lower80),
                Limit(p.Upper80),
                Limit(p.Upper95),
            ])
            .ToList();
        var alt = observed.Count == 0 && forecast.Count == 0
            ? $"Fan chart of {ChartBuilder.MidSentence(countLabel)} in {name} with no months to show."
            : $"Fan chart of {ChartBuilder.MidSentence(countLabel)} in {name}"
              + (observed.Count > 0 ? $", observed from {Month(observed[0])} to {Month(observed[^1])} ranging from {ChartBuilder.Number(observed.Min(p => p.Observed!.Value), 0)} to {ChartBuilder.Number(observed.Max(p => p.Observed!.Value), 0)}" : string.Empty)
              + (forecast.Count > 0 ? $", with a forecast to {Month(forecast[^1])} of {ChartBuilder.Number(forecast.Min(p => p.Mean), 0)} to {ChartBuilder.Number(forecast.Max(p => p.Mean), 0)} a month" : string.Empty)
              + ".";
        return new Chart(plot, title, alt, caption, new ChartDataTable(
            ["Month", "Kind (history, backtest, forecast)", $"Observed {ChartBuilder.MidSentence(countLabel)}", "Point forecast or fitted value", "Lower 95% limit", "Lower 80% limit", "Upper 80% limit", "Upper 95% limit"],
            rows));
    }

    private static string MethodName(string method) => method switch
    {
        DistrictForecast.SeasonalPoisson => "seasonal Poisson model",
        DistrictForecast.SeasonalNaive => "seasonal naive baseline",
        _ => method,
    };

    private static int KindOrder(string kind) => kind switch { "history" => 0, "backtest" => 1, _ => 2 };

    private static string Month(ForecastPoint p) => p.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Limit(double? value) => value is { } v && double.IsFinite(v) ? ChartBuilder.Number(v, 1) : string.Empty;

    private static bool Finite(double? value) => value is { } v && double.IsFinite(v);

    // One point per month, first wins on duplicates, so a repeated row cannot draw a zig-zag back in time.
    private static List<ForecastPoint> Series(List<ForecastPoint> points, string kind, string method) =>
        points.Where(p => string.Equals(p.Kind, kind, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Method, method, StringComparison.Ordinal))
            .GroupBy(p => new DateTime(p.Month.Year, p.Month.Month, 1))
            .Select(g => g.First())
            .OrderBy(p => p.Month)
            .ToList();

    private static void AddFan(Plot plot, List<LegendItem> legend, List<ForecastPoint> points, Color colour, string label)
    {
        var usable = points.Where(p => double.IsFinite(p.Mean)).ToList();
        if (usable.Count == 0)
        {
            return;
        }

        var xs = usable.Select(p => p.Month.ToOADate()).ToArray();
        foreach (var (lower, upper, alpha, level) in new (Func<ForecastPoint, double?>, Func<ForecastPoint, double?>, double, string)[]
        {
            (p => p.Lower95, p => p.Upper95, 0.18, "95%"),
            (p => p.Lower80, p => p.Upper80, 0.38, "80%"),
        })
        {
            var band = usable.Where(p => Finite(lower(p)) && Finite(upper(p))).ToList();
            if (band.Count == 0)
            {
                continue;
            }

            var bx = band.Select(p => p.Month.ToOADate()).ToArray();
            if (bx.Length == 1)
            {
                // A one-month fan has no width in time: widen it to the month so it is still visible.
                var only = band[0];
                var box = plot.Add.Rectangle(bx[0] - 10, bx[0] + 10, lower(only)!.Value, upper(only)!.Value);
                box.FillColor = colour.WithAlpha(alpha);
                box.LineWidth = 0;
            }
            else
            {
                var fill = plot.Add.FillY(bx, band.Select(p => lower(p)!.Value).ToArray(), band.Select(p => upper(p)!.Value).ToArray());
                fill.FillColor = colour.WithAlpha(alpha);
                fill.LineWidth = 0;
            }

        }

        var mean = plot.Add.Scatter(xs, usable.Select(p => p.Mean).ToArray(), colour);
        mean.LineWidth = 2.5f;
        mean.LinePattern = LinePattern.Dashed;
        mean.MarkerSize = xs.Length == 1 ? 6 : 0;
        // One entry per fan, its swatch the 80% shade: the caption says which band is which, so the strip fits one line.
        legend.Add(ChartBuilder.FillItem(label, colour.WithAlpha(0.38), colour));
    }

    private static void AddSegments(Plot plot, double[] x, double?[] y, Color colour, float width, float markerSize)
    {
        var start = 0;
        while (start < y.Length)
        {
            while (start < y.Length && !y[start].HasValue)
            {
                start++;
            }

            var end = start;
            while (end < y.Length && y[end].HasValue)
            {
                end++;
            }

            if (end > start)
            {
                var line = plot.Add.Scatter(x[start..end], y[start..end].Select(v => v!.Value).ToArray(), colour);
                line.LineWidth = width;
                line.MarkerSize = end - start == 1 ? 5 : markerSize;
            }

            start = end;
        }
    }

    // "Apr 2023" labels at a step of 1, 2, 3, 6 or 12 months so no more than about eight show.
    private static ScottPlot.TickGenerators.NumericManual MonthTicks(List<DateTime> months)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        if (months.Count == 0)
        {
            return ticks;
        }

        var first = new DateTime(months[0].Year, months[0].Month, 1);
        var last = new DateTime(months[^1].Year, months[^1].Month, 1);
        var span = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        var step = new[] { 1, 2, 3, 6, 12 }.FirstOrDefault(s => span / s <= 8, 12 * (int)Math.Ceiling(span / 96.0));
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            // Anchored on April, the start of the financial year most partners report on.
            if (((m.Month - 4 + 12) % 12) % Math.Min(step, 12) == 0 && (step <= 12 || m.Year % (step / 12) == 0))
            {
                ticks.AddMajor(m.ToOADate(), m.ToString("MMM yyyy", CultureInfo.InvariantCulture));
            }
            else
            {
                ticks.AddMinor(m.ToOADate());
            }
        }

        return ticks;
    }
}
