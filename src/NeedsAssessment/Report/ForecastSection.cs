using NeedsAssessment.Charts;
using NeedsAssessment.Modelling;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>The forecasts for every district: the per-district back-test (null when none) and one small chart per district.</summary>
internal sealed record ForecastView(HtmlTable? Accuracy, IReadOnlyList<FigureView> Charts);

/// <summary>
/// Forecasts for every district as small multiples, from the model stage's <c>forecasts</c> and <c>forecast_accuracy</c>
/// rows: one fan chart per district, side by side, each with its back-test, so no district's outlook is left out.
/// </summary>
internal static class ForecastSection
{
    /// <summary>Pixel size of each small multiple: smaller than a full chart, so its text prints larger at half the page.s width, and wide enough that the caption needs no shrinking below its minimum.</summary>
    public const int Width = 800;

    public const int Height = 560;

    public static ForecastView? Build(ModelResults model, ChartCaption caption, ReportFigures figures)
    {
        var points = model.Forecasts.Select(f => f.ToPoint()).ToList();
        var districts = points.Where(p => p.Kind == "forecast").Select(p => (p.DistrictCode, p.DistrictName)).Distinct().OrderBy(d => d.DistrictName, StringComparer.Ordinal).ThenBy(d => d.DistrictCode, StringComparer.Ordinal).ToList();
        if (districts.Count == 0) return null;
        var accuracy = model.Accuracy.Where(a => a.DistrictCode != "ALL").OrderBy(a => a.DistrictCode, StringComparer.Ordinal).ThenBy(a => a.Method, StringComparer.Ordinal).ToList();
        HtmlTable? table = null;
        if (accuracy.Count > 0)
        {
            var names = districts.ToDictionary(d => d.DistrictCode, d => d.DistrictName, StringComparer.Ordinal);
            table = HtmlTables.Of(["District", "Method", "Months held out", "Mean absolute percentage error", "Months inside the 80% interval", "Months inside the 95% interval"],
                accuracy.Select(a => (IReadOnlyList<HtmlCell>)[names.GetValueOrDefault(a.DistrictCode, a.DistrictCode), ReportFormat.Words(a.Method), HtmlTables.Number(ReportFormat.Count(a.Months)),
                    HtmlTables.Number(a.Mape is { } m ? ReportFormat.Number(m, 1) + "%" : "-"),
                    HtmlTables.Number(a.Coverage80 is { } c8 ? ReportFormat.Number(c8 * 100, 0) + "%" : "-"), HtmlTables.Number(a.Coverage95 is { } c9 ? ReportFormat.Number(c9 * 100, 0) + "%" : "-")]),
                caption: "Back-test over each district's last twelve months (source: forecast_accuracy)");
        }
        var charts = districts.Select(d => figures.Draw(ForecastFanChart.Create(points, d.DistrictCode, caption, $"{d.DistrictName}: serious violence per month and 12-month forecast"), Width, Height)).ToList();
        return new ForecastView(table, charts);
    }
}
