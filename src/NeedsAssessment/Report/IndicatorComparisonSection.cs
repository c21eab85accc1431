using NeedsAssessment.Charts;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Report;

/// <summary>The comparisons section as <c>comparisons.liquid</c> lays it out; <see cref="Any"/> is false when no indicator was computed for the partnership.</summary>
internal sealed record ComparisonsView(SectionHead Head, bool Any, bool NationalBenchmark, HtmlTable? Matrix, HtmlTable? Trends, FigureView? Spine, string Comparators);

/// <summary>
/// Fingertips-style comparisons: for each indicator, the partnership and its districts against their benchmark at 95%
/// and 99.8% (the indicator stage's <c>comparison95</c> and <c>comparison998</c>), read through the catalogue's polarity
/// into worse, similar or better, shown by colour and by symbol and word; the recent trend of each (<c>indicator_trends</c>);
/// and a spine chart of the partnership's indicators against the range of its districts. A view: every value, limit,
/// comparison and trend is a column of a result row.
/// </summary>
internal static class IndicatorComparisonSection
{
    public const string Id = "comparisons";
    public const string Heading = "Compared with the benchmark";

    // An indicator not computed for the headline period is shown at its own latest period, as the domain tables do.
    private static readonly string[] OwnPeriodPreference =
        [PeriodTypes.Rolling12Months, PeriodTypes.Pooled3FinancialYears, PeriodTypes.FinancialYear, PeriodTypes.CohortPeriod, PeriodTypes.Quarter, PeriodTypes.Month];

    /// <summary>One indicator's rows for the partnership and its comparator areas at one period.</summary>
    internal sealed record IndicatorRows(IndicatorDefinition Definition, IndicatorValue? Partnership, IReadOnlyList<IndicatorValue> Areas, string ComparatorLevel, bool OwnPeriod);

    /// <summary>
    /// Per catalogue indicator (in catalogue order, offence breakdowns left out), the partnership's and its districts'
    /// (or, without districts, hubs') rows at the headline period or, when the indicator has none there, its own latest.
    /// </summary>
    internal static List<IndicatorRows> Rows(ReportView view)
    {
        var list = new List<IndicatorRows>();
        var byId = view.Indicators.Where(r => r.Level is "partnership" or "district" or "hub").GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var def in IndicatorCatalogue.Default.Indicators)
        {
            if (def.Method == IndicatorMethods.SeverityVolume || !byId.TryGetValue(def.Id, out var rows)) continue;
            var chosen = rows.Where(r => r.PeriodType == view.Period.PeriodType && r.PeriodStart == view.Period.PeriodStart && r.PeriodEnd == view.Period.PeriodEnd).ToList();
            var own = false;
            if (chosen.Count == 0)
            {
                var type = OwnPeriodPreference.FirstOrDefault(t => rows.Any(r => r.PeriodType == t));
                if (type is null) continue;
                var end = rows.Where(r => r.PeriodType == type).Max(r => r.PeriodEnd);
                chosen = rows.Where(r => r.PeriodType == type && r.PeriodEnd == end).ToList();
                own = true;
            }
            var level = chosen.Any(r => r.Level == "district") ? "district" : "hub";
            list.Add(new IndicatorRows(def, chosen.FirstOrDefault(r => r.Level == "partnership"),
                chosen.Where(r => r.Level == level).OrderBy(r => r.AreaCode, StringComparer.Ordinal).ToList(), level, own));
        }
        return list;
    }

    /// <summary>The value as printed: percentages with one decimal, rates as the report prints rates, other values with two decimals.</summary>
    internal static string Format(IndicatorValue r, double v) =>
        r.Multiplier == 100 ? ReportFormat.Number(v, 1) : r.Multiplier >= 1000 ? ReportFormat.Rate(v) : ReportFormat.Number(v, r.IndicatorId == "convergence_areas" ? 0 : 2);

    private static int Decimals(IndicatorValue r) => r.Multiplier == 100 ? 1 : r.Multiplier >= 1000 ? 1 : r.IndicatorId == "convergence_areas" ? 0 : 2;

    /// <summary>The comparison as the partnership reads it: a judgement through the polarity, a symbol, a word and a class.</summary>
    internal static (string Judgement, string Symbol, string Css) Judge(IndicatorValue r, string polarity)
    {
        var j = IndicatorPolarity.Judge(r.Comparison95, polarity);
        var strong = IndicatorPolarity.Judge(r.Comparison998, polarity) == j && j is not ("similar" or "not compared");
        var arrow = r.Comparison95 switch { "higher" => "▲", "lower" => "▼", "similar" => "●", _ => "–" };
        return (j, strong ? arrow + arrow : arrow, "rag-" + j.Replace(' ', '-'));
    }

    private static (string Arrow, string Word, string Css) Trend(IndicatorTrendRow? t, string polarity)
    {
        if (t is null) return ("", "", "");
        var (arrow, word) = t.Direction switch
        {
            IndicatorTrendRow.Increasing => ("↑", "rising"),
            IndicatorTrendRow.Decreasing => ("↓", "falling"),
            IndicatorTrendRow.NoChange => ("→", "no change"),
            _ => ("·", "no trend"),
        };
        var css = (t.Direction, polarity) switch
        {
            (IndicatorTrendRow.Increasing, IndicatorPolarity.HigherIsWorse) or (IndicatorTrendRow.Decreasing, IndicatorPolarity.HigherIsBetter) => "trend-worse",
            (IndicatorTrendRow.Decreasing, IndicatorPolarity.HigherIsWorse) or (IndicatorTrendRow.Increasing, IndicatorPolarity.HigherIsBetter) => "trend-better",
            _ => "trend-neutral",
        };
        return (arrow, word, css);
    }

    public static ComparisonsView Build(SectionHead head, ReportView view, IReadOnlyList<IndicatorTrendRow> trends, ChartCaption caption, ReportFigures figures)
    {
        var rows = Rows(view);
        if (rows.Count == 0) return new ComparisonsView(head, false, false, null, null, null, "");
        var nationalBenchmark = rows.Any(r => r.Partnership is { BenchmarkValue: not null, Comparison95: not "not compared" });

        var trendBy = trends.ToDictionary(t => (t.IndicatorId, t.Level, t.AreaCode));
        var areas = rows.SelectMany(r => r.Areas.Select(a => (a.AreaCode, Name: a.AreaName ?? a.AreaCode))).Distinct().OrderBy(a => a.AreaCode, StringComparer.Ordinal).ToList();
        HtmlCell Cell(IndicatorValue? r, string polarity)
        {
            if (r is null) return new HtmlCell("-", "n rag-not-compared");
            if (r.Suppressed || r.Value is not { } v || !double.IsFinite(v)) return new HtmlCell(r.Suppressed ? ReportFormat.Hidden : "-", "n rag-not-compared");
            var (judgement, symbol, css) = Judge(r, polarity);
            var (arrow, word, tcss) = Trend(trendBy.GetValueOrDefault((r.IndicatorId, r.Level, r.AreaCode)), polarity);
            return new HtmlCell(Format(r, v), "n " + css, $"{judgement} than its benchmark at 95%; 99.8%: {IndicatorPolarity.Judge(r.Comparison998, polarity)}")
            {
                Kind = "comparison",
                Symbol = symbol + " " + judgement,
                Trend = arrow.Length > 0 ? arrow + " " + word : null,
                TrendWord = word,
                TrendClass = tcss,
            };
        }
        var matrix = HtmlTables.Of(["Indicator", view.PartnershipShort, .. areas.Select(a => a.Name)],
            rows.Select(r => (IReadOnlyList<HtmlCell>)[
                r.Definition.Name + (r.OwnPeriod && r.Partnership is { } p ? $" ({ReportFormat.Period(p.PeriodStart, p.PeriodEnd)})" : ""),
                Cell(r.Partnership, r.Definition.Polarity),
                .. areas.Select(a => Cell(r.Areas.FirstOrDefault(x => x.AreaCode == a.AreaCode), r.Definition.Polarity))]),
            caption: $"Each indicator for {view.Label} (or its own latest period, named), compared with its benchmark: districts with the partnership, the partnership with the assessment's benchmark.", cssClass: "matrix rag");

        // The trends themselves, with their intervals.
        var shown = trends.Where(t => t.Level is "partnership" or "district" or "hub" && rows.Any(r => r.Definition.Id == t.IndicatorId)).ToList();
        HtmlTable? trendTable = null;
        if (shown.Count > 0)
        {
            var names = rows.ToDictionary(r => r.Definition.Id, r => r.Definition.Name, StringComparer.Ordinal);
            var polarity = rows.ToDictionary(r => r.Definition.Id, r => r.Definition.Polarity, StringComparer.Ordinal);
            trendTable = HtmlTables.Of(["Indicator", "Area", "Periods used", "Change per year, % (95% CI)", "Trend", "Note"],
                shown.OrderBy(t => rows.FindIndex(r => r.Definition.Id == t.IndicatorId)).ThenBy(t => t.Level == "partnership" ? 0 : 1).ThenBy(t => t.AreaCode, StringComparer.Ordinal)
                    .Select(t => (IReadOnlyList<HtmlCell>)[names[t.IndicatorId], t.Level == "partnership" ? view.PartnershipName : t.AreaName ?? t.AreaCode,
                        HtmlTables.Number(ReportFormat.Count(t.Periods)),
                        HtmlTables.Number(t.PercentChangePerYear is { } c ? $"{ReportFormat.Number(c, 1)} ({ReportFormat.Interval(t.Lower95, t.Upper95, x => ReportFormat.Number(x, 1))})" : "-"),
                        new HtmlCell(Trend(t, polarity[t.IndicatorId]) is var tr && tr.Arrow.Length > 0 ? $"{tr.Arrow} {tr.Word}" : "-", tr.Css), ReportFormat.Prose(t.Note)]),
                caption: "Poisson regression of each year's count on time with its population (or base count) as offset, over the latest five financial years (or quarters, where the data cover fewer than three years, as the note says); rising or falling when the 95% interval of the change excludes zero (source: indicator_trends).");
        }

        // The spine chart: indicators with a partnership value and comparator values.
        var spine = rows.Where(r => r.Partnership is { Suppressed: false, Value: { } v } && double.IsFinite(v) && r.Areas.Any(a => a is { Suppressed: false, Value: not null }))
            .Select(r =>
            {
                var p = r.Partnership!;
                var bench = p.BenchmarkValue is { } b && p.Comparison95 != "not compared" ? b : p.Value!.Value;
                var judgement = IndicatorPolarity.Judge(p.Comparison95 == "not compared" && p.BenchmarkValue is null ? "similar" : p.Comparison95, r.Definition.Polarity);
                return new SpineRow(r.Definition.Name, bench, p.Value, r.Areas.Where(a => a is { Suppressed: false, Value: not null } && double.IsFinite(a.Value!.Value)).Select(a => a.Value!.Value).ToList(),
                    p.Comparison95 == "not compared" && p.BenchmarkValue is null ? "not compared" : judgement, r.Definition.Polarity.Length > 0 ? r.Definition.Polarity : IndicatorPolarity.NoJudgement, Decimals(p));
            }).ToList();
        var comparators = rows.Any(r => r.ComparatorLevel == "district") ? "districts" : "hubs";
        var spineFigure = spine.Count == 0 ? null
            : figures.Draw(SpineChart.Create(spine, view.PartnershipShort, comparators, caption, $"The partnership's indicators against the range of its {comparators}"));
        return new ComparisonsView(head, true, nationalBenchmark, matrix, trendTable, spineFigure, comparators);
    }
}
