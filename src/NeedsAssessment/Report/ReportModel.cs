using System.Globalization;
using System.Text;
using NeedsAssessment.Charts;
using NeedsAssessment.Modelling;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// The report's modelling section, read back from the model stage's tables (<c>model_expected</c>,
/// <c>model_coefficients</c>, <c>area_typology_profiles</c>, <c>forecasts</c>, <c>forecast_accuracy</c>): where
/// violence is higher than population and deprivation predict, which areas share a profile, and what the next
/// year probably holds.
/// </summary>
internal static class ReportModel
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(StringBuilder sb, AssessmentStore store, SmallNumberRule rule, Indicators.SuppressionPolicy policy, IReadOnlyDictionary<string, string> names, ChartCaption caption, Action<Chart> figure)
    {
        if (!store.TableExists("model_expected") || Convert.ToInt64(store.Scalar("SELECT count(*) FROM model_expected"), C) == 0)
        {
            sb.Append("<p>Modelling was not run for this assessment: it needs single-year-of-age population, deprivation, the area hierarchy, population-weighted centroids and at least two years of events.</p>\n");
            return;
        }
        sb.Append("<p>A high count is not news where many people live. A Poisson regression predicts each neighbourhood's serious violence from its population, deprivation, night-time economy and share of young residents; neighbourhoods with significantly more than predicted are where something more is going on.</p>\n");

        var coefficients = store.Query("SELECT term, description, rate_ratio, rate_ratio_lower, rate_ratio_upper, interval_method FROM model_coefficients WHERE term NOT LIKE 'district_%' AND term <> 'intercept' ORDER BY term",
            r => (Term: r.GetString(1), Rr: r.GetDouble(2), Lo: r.GetDouble(3), Hi: r.GetDouble(4), Method: r.GetString(5)));
        if (coefficients.Count > 0)
            HtmlTables.Table(sb, ["Factor", "Rate ratio", "95% interval"],
                coefficients.Select(c => (IReadOnlyList<HtmlCell>)[c.Term, HtmlTables.Number(ReportFormat.Number(c.Rr, 3)), HtmlTables.Number($"{ReportFormat.Number(c.Lo, 3)} to {ReportFormat.Number(c.Hi, 3)}")]),
                caption: $"How each factor multiplies the expected rate (other factors held equal; district effects not shown). Intervals: {coefficients[0].Method}.");

        var areas = store.Query("""
            SELECT lsoa21_code, district_code, population, observed, expected, oe_ratio, oe_lower, oe_upper, excess, excess_rank,
                   significant_excess, significant_deficit, deprivation_steps, nte_area, young_share, in_fit
            FROM model_expected ORDER BY lsoa21_code
            """, r => new AreaExpected(r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
            r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetInt32(9), r.GetBoolean(10), r.GetBoolean(11), r.GetDouble(12), r.GetBoolean(13), r.GetDouble(14), r.GetBoolean(15)));
        figure(ObservedExpectedChart.Create(areas, caption, areaNames: names.ToDictionary(kv => kv.Key, kv => kv.Value), smallCountMax: (int)Math.Max(0, rule.HideTo)));
        // The model stage's own suppression (SmallNumberSuppression within each district), as in model_expected.csv.
        var hidden = Modeller.HiddenAreas(store, policy);
        var top = areas.Where(a => a.SignificantExcess).OrderBy(a => a.ExcessRank).Take(10).ToList();
        if (top.Count > 0)
            HtmlTables.Table(sb, ["Rank", "Neighbourhood", "Observed", "Expected", "Observed / expected (95% CI)"],
                top.Select(a => (IReadOnlyList<HtmlCell>)[HtmlTables.Number(a.ExcessRank.ToString(C)), names.GetValueOrDefault(a.Lsoa21Code, a.Lsoa21Code),
                    HtmlTables.Count((long)a.Observed, hidden.Contains(a.Lsoa21Code)), HtmlTables.Number(ReportFormat.Number(a.Expected, 1)),
                    hidden.Contains(a.Lsoa21Code) ? new HtmlCell(ReportFormat.Hidden, "n count hidden") : HtmlTables.Number($"{ReportFormat.Number(a.Ratio, 2)} ({ReportFormat.Number(a.RatioLower, 2)} to {ReportFormat.Number(a.RatioUpper, 2)})")]),
                caption: "Neighbourhoods with significantly more serious violence than their population and deprivation predict (exact Poisson limits on the observed count)");

        if (store.TableExists("area_typology_profiles"))
        {
            var indicators = AreaTypology.IndicatorNames;
            var clusters = store.Query($"SELECT cluster, areas, profile, {string.Join(", ", indicators.Select(n => $"z_{n}"))}, {string.Join(", ", indicators.Select(n => $"mean_{n}"))} FROM area_typology_profiles ORDER BY cluster",
                r => new ClusterProfile(r.GetInt32(0), r.GetInt32(1), r.GetString(2),
                    indicators.Select((_, i) => r.IsDBNull(3 + i) ? double.NaN : r.GetDouble(3 + i)).ToList(),
                    indicators.Select((_, i) => r.IsDBNull(3 + indicators.Count + i) ? double.NaN : r.GetDouble(3 + indicators.Count + i)).ToList()));
            if (clusters.Count > 0)
            {
                sb.Append("<h3>Area types</h3>\n<p>Neighbourhoods grouped by their violence profile (k-means on standardised indicators, the number of groups chosen by silhouette), so one intervention can serve areas that share a profile.</p>\n");
                figure(TypologyProfileChart.Create(clusters, caption));
            }
        }

        if (store.TableExists("forecasts") && store.TableExists("forecast_accuracy"))
        {
            var points = store.Query("SELECT district_code, district_name, month, kind, method, observed, mean, lower80, upper80, lower95, upper95 FROM forecasts ORDER BY district_code, month, kind, method",
                r => new ForecastPoint(r.GetString(0), r.IsDBNull(1) ? r.GetString(0) : r.GetString(1), r.GetDateTime(2), r.GetString(3), r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetDouble(5), r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetDouble(8),
                    r.IsDBNull(9) ? null : r.GetDouble(9), r.IsDBNull(10) ? null : r.GetDouble(10)));
            var accuracy = store.Query("SELECT method, mape, coverage80, coverage95 FROM forecast_accuracy WHERE district_code = 'ALL' ORDER BY method",
                r => (Method: r.GetString(0), Mape: r.GetDouble(1), C80: r.GetDouble(2), C95: r.GetDouble(3)));
            if (points.Count > 0)
            {
                sb.Append("<h3>The next twelve months</h3>\n<p>Each district's monthly serious violence is forecast a year ahead from its trend and season, with 80% and 95% prediction intervals. The model was first tested on the last twelve months it had not seen, against simply repeating last year's month (seasonal naive).</p>\n");
                if (accuracy.Count > 0)
                    HtmlTables.Table(sb, ["Method", "Mean absolute percentage error", "Months inside the 80% interval", "Months inside the 95% interval"],
                        accuracy.Select(a => (IReadOnlyList<HtmlCell>)[ReportFormat.Words(a.Method), HtmlTables.Number(ReportFormat.Number(a.Mape, 1) + "%"),
                            HtmlTables.Number(ReportFormat.Number(a.C80 * 100, 0) + "%"), HtmlTables.Number(ReportFormat.Number(a.C95 * 100, 0) + "%")]),
                        caption: "Back-test over the last twelve months, all districts pooled");
                // The district forecast to grow most over its last observed year is the one an SRO most needs to see.
                var district = points.Where(p => p.Kind == "forecast").GroupBy(p => p.DistrictCode)
                    .Select(g => (Code: g.Key, Forecast: g.Sum(p => p.Mean),
                        Last: points.Where(p => p.DistrictCode == g.Key && p.Kind == "history").OrderByDescending(p => p.Month).Take(12).Sum(p => p.Observed ?? 0)))
                    .OrderByDescending(x => x.Last > 0 ? x.Forecast / x.Last : 0).ThenBy(x => x.Code, StringComparer.Ordinal).First().Code;
                figure(ForecastFanChart.Create(points, district, caption));
            }
        }
    }
}
