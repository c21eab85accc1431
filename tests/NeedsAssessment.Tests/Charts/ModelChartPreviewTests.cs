using NeedsAssessment.Charts;
using NeedsAssessment.Modelling;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Charts;

public class ModelChartPreviewTests
{
    /// <summary>
    /// Writes the modelling charts from a real three-year demo run (about a minute) to $NA_MODEL_CHART_PREVIEW_DIR for
    /// looking at by eye; skipped when the variable is unset, so CI never runs the model or writes images.
    /// </summary>
    [PreviewFact("NA_MODEL_CHART_PREVIEW_DIR")]
    public void Writes_model_chart_previews_from_a_demo_run_when_asked()
    {
        var folder = Environment.GetEnvironmentVariable("NA_MODEL_CHART_PREVIEW_DIR")!;

        var work = Path.Combine(Path.GetTempPath(), "na-modelcharts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = Assessment.Demo(work, years: 3);
            using var store = AssessmentStore.Open(run.StorePath);
            var result = Modeller.Run(store);
            var names = store.Query("SELECT lsoa21_code, any_value(lsoa21_name) FROM geography GROUP BY 1", r => (r.GetString(0), r.IsDBNull(1) ? r.GetString(0) : r.GetString(1)))
                .ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal);
            var caption = new ChartCaption("Police recorded crime (synthetic demo county)", $"{result.WindowStart:MMMM yyyy} to {result.WindowEnd:MMMM yyyy}", "home-office-core", "1.0");
            var charts = new Dictionary<string, Chart>
            {
                ["real-observedexpected"] = ObservedExpectedChart.Create(result.Expected.Areas, caption, areaNames: names),
                ["real-typology"] = TypologyProfileChart.Create(result.Typology.Clusters, caption),
            };
            foreach (var district in result.Forecasts.Points.Select(p => p.DistrictCode).Distinct().Order(StringComparer.Ordinal).Take(3))
            {
                charts[$"real-forecastfan-{district}"] = ForecastFanChart.Create(result.Forecasts.Points, district, caption);
            }

            foreach (var (name, chart) in charts)
            {
                ChartFile.Save(chart, Path.Combine(folder, name));
                File.WriteAllText(Path.Combine(folder, name + ".txt"), $"{chart.Title}\n{chart.AltText}\n{chart.Caption}\n{string.Join(" | ", chart.Data.Columns)}\n{string.Join("\n", chart.Data.Rows.Take(40).Select(r => string.Join(" | ", r)))}\n");
            }
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
