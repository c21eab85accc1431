using System.Globalization;
using NeedsAssessment.Charts;
using NeedsAssessment.Modelling;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// The modelling section as <c>model.liquid</c> lays it out; <see cref="Ran"/> is false when the model stage wrote no
/// expected counts. A null part has nothing to show.
/// </summary>
internal sealed class ModelView(bool ran)
{
    public bool Ran { get; } = ran;

    public HtmlTable? Coefficients { get; set; }

    public FigureView? Expected { get; set; }

    public HtmlTable? Excess { get; set; }

    public FigureView? Typology { get; set; }

    public HtmlTable? Accuracy { get; set; }

    public FigureView? Forecast { get; set; }
}

/// <summary>
/// The report's modelling section, read back from the model stage's tables (<c>model_expected</c>,
/// <c>model_coefficients</c>, <c>area_typology_profiles</c>, <c>forecasts</c>, <c>forecast_accuracy</c>): where
/// violence is higher than population and deprivation predict, which areas share a profile, and what the next
/// year probably holds.
/// </summary>
internal static class ReportModel
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static ModelView Build(ModelResults model, SmallNumberRule rule, IReadOnlyDictionary<string, string> names, ChartCaption caption, ReportFigures figures)
    {
        if (model.Expected.Count == 0) return new ModelView(false);
        var view = new ModelView(true);

        var coefficients = model.Coefficients.Where(c => !c.Term.StartsWith("district_", StringComparison.Ordinal) && c.Term != "intercept").ToList();
        // Each term as what it is: the population term's coefficient is an elasticity (its exponential means nothing),
        // every other term's exp(coefficient) is a rate ratio per unit of the term.
        if (coefficients.Count > 0)
            view.Coefficients = HtmlTables.Of(["Factor", "Measure", "Estimate", "95% interval"],
                coefficients.Select(c =>
                {
                    var elasticity = c.Term == "log_population";
                    var (value, lower, upper) = elasticity ? (c.Estimate, c.Lower, c.Upper) : (c.RateRatio ?? double.NaN, c.RateRatioLower, c.RateRatioUpper);
                    return (IReadOnlyList<HtmlCell>)[TermLabel(c.Term, c.Description), elasticity ? "Elasticity (coefficient): 1 = offences in proportion to residents" : TermMeasure(c.Term),
                        HtmlTables.Number(ReportFormat.Number(value, 3)),
                        HtmlTables.Number($"{ReportFormat.Number(lower ?? double.NaN, 3)} to {ReportFormat.Number(upper ?? double.NaN, 3)}")];
                }),
                caption: $"Each factor's effect on expected serious violence, other factors held equal (district effects not shown). A rate ratio is exp(coefficient): how one unit of the factor multiplies the expected rate. Intervals: {coefficients[0].IntervalMethod}.");

        var areas = model.Expected.Select(a => a.ToArea()).ToList();
        view.Expected = figures.Draw(ObservedExpectedChart.Create(areas, caption, areaNames: names.ToDictionary(kv => kv.Key, kv => kv.Value), smallCountMax: (int)Math.Max(0, rule.HideTo)));
        // The model stage's own suppression (SmallNumberSuppression within each district), as in model_expected.csv.
        var hidden = model.HiddenAreas;
        var top = areas.Where(a => a.SignificantExcess).OrderBy(a => a.ExcessRank).Take(10).ToList();
        if (top.Count > 0)
            view.Excess = HtmlTables.Of(["Rank", "Neighbourhood", "Observed", "Expected", "Observed / expected (95% CI)"],
                top.Select(a => (IReadOnlyList<HtmlCell>)[HtmlTables.Number(a.ExcessRank.ToString(C)), names.GetValueOrDefault(a.Lsoa21Code, a.Lsoa21Code),
                    HtmlTables.Count((long)a.Observed, hidden.Contains(a.Lsoa21Code)), HtmlTables.Number(ReportFormat.Number(a.Expected, 1)),
                    hidden.Contains(a.Lsoa21Code) ? new HtmlCell(ReportFormat.Hidden, "n count hidden") : HtmlTables.Number($"{ReportFormat.Number(a.Ratio, 2)} ({ReportFormat.Number(a.RatioLower, 2)} to {ReportFormat.Number(a.RatioUpper, 2)})")]),
                caption: "Neighbourhoods with significantly more serious violence than their population and deprivation predict (exact Poisson limits on the observed count)");

        var clusters = model.Profiles.Select(p => p.ToProfile()).ToList();
        if (clusters.Count > 0) view.Typology = figures.Draw(TypologyProfileChart.Create(clusters, caption));

        var points = model.Forecasts.Select(f => f.ToPoint()).ToList();
        var accuracy = model.Accuracy.Where(a => a.DistrictCode == "ALL").OrderBy(a => a.Method, StringComparer.Ordinal).ToList();
        if (points.Count > 0)
        {
            if (accuracy.Count > 0)
                view.Accuracy = HtmlTables.Of(["Method", "Mean absolute percentage error", "Months inside the 80% interval", "Months inside the 95% interval"],
                    accuracy.Select(a => (IReadOnlyList<HtmlCell>)[ReportFormat.Words(a.Method), HtmlTables.Number(ReportFormat.Number(a.Mape ?? double.NaN, 1) + "%"),
                        HtmlTables.Number(ReportFormat.Number((a.Coverage80 ?? double.NaN) * 100, 0) + "%"), HtmlTables.Number(ReportFormat.Number((a.Coverage95 ?? double.NaN) * 100, 0) + "%")]),
                    caption: "Back-test over the last twelve months, all districts pooled");
            // The district forecast to grow most over its last observed year is the one an SRO most needs to see.
            var district = points.Where(p => p.Kind == "forecast").GroupBy(p => p.DistrictCode)
                .Select(g => (Code: g.Key, Forecast: g.Sum(p => p.Mean),
                    Last: points.Where(p => p.DistrictCode == g.Key && p.Kind == "history").OrderByDescending(p => p.Month).Take(12).Sum(p => p.Observed ?? 0)))
                .OrderByDescending(x => x.Last > 0 ? x.Forecast / x.Last : 0).ThenBy(x => x.Code, StringComparer.Ordinal).First().Code;
            view.Forecast = figures.Draw(ForecastFanChart.Create(points, district, caption));
        }
        return view;
    }

    private static string TermLabel(string term, string description) => term switch
    {
        "log_population" => "Residents (log scale)",
        "deprivation_steps" => "Deprivation (IMD 2019 decile steps towards the most deprived)",
        "nte_area" => "Night-time economy area",
        "young_share" => "Share of residents aged 16-24",
        "rural" => "Rural area (ONS Rural-Urban Classification 2021)",
        _ => description,
    };

    private static string TermMeasure(string term) => term switch
    {
        "deprivation_steps" => "Rate ratio per decile step",
        "nte_area" => "Rate ratio against other areas",
        "young_share" => "Rate ratio per unit share (all residents 16-24 against none)",
        "rural" => "Rate ratio against urban areas",
        _ => "Rate ratio, exp(coefficient)",
    };
}
