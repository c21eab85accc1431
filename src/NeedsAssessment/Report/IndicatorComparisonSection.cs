using System.Text;
using NeedsAssessment.Charts;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Report;

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

    private const string Style = """
        <style>
        td.rag-worse, .key.rag-worse { background: #f2b8ad; }
        td.rag-better, .key.rag-better { background: #b8dcb0; }
        td.rag-similar, .key.rag-similar { background: #fbe3a0; }
        td.rag-higher, .key.rag-higher { background: #a9c6ea; }
        td.rag-lower, .key.rag-lower { background: #dbe8f7; }
        td.rag-not-compared, .key.rag-not-compared { background: #fff; }
        table.rag { font-size: 0.72rem; }
        table.rag th:first-child { width: 19%; }
        table.rag td, table.rag td.n { text-align: center; white-space: normal; padding: 3px 2px; }
        table.rag thead th { font-size: 0.68rem; overflow-wrap: anywhere; padding: 3px 2px; }
        table.rag td .sym { font-weight: bold; }
        table.priorities td:nth-child(2) { width: 42%; }
        table.priorities td:last-child { font-size: 0.78rem; overflow-wrap: anywhere; }
        table.priorities td.n { white-space: normal; }
        .trend-worse { color: #a01e0e; font-weight: bold; }
        .trend-better { color: #1e6b33; font-weight: bold; }
        .trend-neutral { color: #3a3a3a; }
        .multiples { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
        .multiples figure { margin: 8px 0; }
        @media print { .multiples { display: block; } .multiples figure img { max-height: 95mm; } table.priorities td:last-child { font-size: inherit; } }
        </style>

        """;

    public static void Write(StringBuilder sb, ReportView view, IReadOnlyList<IndicatorTrendRow> trends, ChartCaption caption, Action<Chart> figure)
    {
        sb.Append(Style);
        var rows = Rows(view);
        if (rows.Count == 0)
        {
            sb.Append("<p>No indicator was computed for the partnership, so there is nothing to compare.</p>\n");
            return;
        }
        var nationalBenchmark = rows.Any(r => r.Partnership is { BenchmarkValue: not null, Comparison95: not "not compared" });
        sb.Append("<p>").Append(ReportFormat.Html("As OHID Fingertips shows them: each district is compared with the partnership, and the partnership with a national benchmark where its indicator has one "
            + (nationalBenchmark ? "(the assessment file's benchmark, or England and Wales for the Home Office open data indicators); elsewhere the partnership is the benchmark and its cell says not compared" : "(none here, so the partnership is the benchmark and its own cells say not compared)")
            + ". A value is worse or better only when its whole confidence interval lies on one side of the benchmark; the catalogue's polarity says which side is worse (for violence, higher), and where neither side is better it says higher or lower. "
            + "One symbol means the difference holds at 95% confidence; two mean it holds at 99.8% as well, the stricter test Fingertips uses for many areas compared at once.")).Append("</p>\n");
        sb.Append("<p>Key: <span class=\"key rag-worse\">▲ or ▼ worse</span> <span class=\"key rag-similar\">● similar</span> <span class=\"key rag-better\">▲ or ▼ better</span> ")
            .Append("<span class=\"key rag-higher\">▲ higher</span> <span class=\"key rag-lower\">▼ lower</span> (no judgement) <span class=\"key rag-not-compared\">– not compared</span>. ")
            .Append("Recent trend, over the latest five financial years (or quarters): <span class=\"trend-worse\">↑ or ↓ getting worse</span>, <span class=\"trend-better\">↑ or ↓ getting better</span>, → no significant change, · no trend (too few years). Hover over a cell for its comparison at 99.8%.</p>\n");

        var trendBy = trends.ToDictionary(t => (t.IndicatorId, t.Level, t.AreaCode));
        var areas = rows.SelectMany(r => r.Areas.Select(a => (a.AreaCode, Name: a.AreaName ?? a.AreaCode))).Distinct().OrderBy(a => a.AreaCode, StringComparer.Ordinal).ToList();
        HtmlCell Cell(IndicatorValue? r, string polarity)
        {
            if (r is null) return new HtmlCell("-", "n rag-not-compared");
            if (r.Suppressed || r.Value is not { } v || !double.IsFinite(v)) return new HtmlCell(r.Suppressed ? ReportFormat.Hidden : "-", "n rag-not-compared");
            var (judgement, symbol, css) = Judge(r, polarity);
            var (arrow, word, tcss) = Trend(trendBy.GetValueOrDefault((r.IndicatorId, r.Level, r.AreaCode)), polarity);
            var html = "<span>" + ReportFormat.Html(Format(r, v)) + "</span><br><span class=\"sym\">" + ReportFormat.Html(symbol + " " + judgement) + "</span>"
                + (arrow.Length > 0 ? "<br><small class=\"" + tcss + "\" title=\"recent trend: " + ReportFormat.Html(word) + "\">" + ReportFormat.Html(arrow + " " + word) + "</small>" : "");
            return new HtmlCell(html, "n " + css, $"{judgement} than its benchmark at 95%; 99.8%: {IndicatorPolarity.Judge(r.Comparison998, polarity)}");
        }
        sb.Append("<h3>Every indicator, partnership and districts</h3>\n");
        HtmlTables.Table(sb, ["Indicator", view.PartnershipShort, .. areas.Select(a => a.Name)],
            rows.Select(r => (IReadOnlyList<HtmlCell>)[
                r.Definition.Name + (r.OwnPeriod && r.Partnership is { } p ? $" ({ReportFormat.Period(p.PeriodStart, p.PeriodEnd)})" : ""),
                Cell(r.Partnership, r.Definition.Polarity),
                .. areas.Select(a => Cell(r.Areas.FirstOrDefault(x => x.AreaCode == a.AreaCode), r.Definition.Polarity))]),
            caption: $"Each indicator for {view.Label} (or its own latest period, named), compared with its benchmark: districts with the partnership, the partnership with the assessment's benchmark.", cssClass: "matrix rag");

        // The trends themselves, with their intervals.
        var shown = trends.Where(t => t.Level is "partnership" or "district" or "hub" && rows.Any(r => r.Definition.Id == t.IndicatorId)).ToList();
        if (shown.Count == 0)
            sb.Append("<p>").Append(ReportFormat.Html("No recent trends: the indicator stage wrote no indicator_trends rows (it needs financial-year rates; run the indicator stage again to add them).")).Append("</p>\n");
        else
        {
            var names = rows.ToDictionary(r => r.Definition.Id, r => r.Definition.Name, StringComparer.Ordinal);
            var polarity = rows.ToDictionary(r => r.Definition.Id, r => r.Definition.Polarity, StringComparer.Ordinal);
            sb.Append("<details><summary>Recent trends with their intervals</summary>\n");
            HtmlTables.Table(sb, ["Indicator", "Area", "Periods used", "Change per year, % (95% CI)", "Trend", "Note"],
                shown.OrderBy(t => rows.FindIndex(r => r.Definition.Id == t.IndicatorId)).ThenBy(t => t.Level == "partnership" ? 0 : 1).ThenBy(t => t.AreaCode, StringComparer.Ordinal)
                    .Select(t => (IReadOnlyList<HtmlCell>)[names[t.IndicatorId], t.Level == "partnership" ? view.PartnershipName : t.AreaName ?? t.AreaCode,
                        HtmlTables.Number(ReportFormat.Count(t.Periods)),
                        HtmlTables.Number(t.PercentChangePerYear is { } c ? $"{ReportFormat.Number(c, 1)} ({ReportFormat.Interval(t.Lower95, t.Upper95, x => ReportFormat.Number(x, 1))})" : "-"),
                        new HtmlCell(Trend(t, polarity[t.IndicatorId]) is var tr && tr.Arrow.Length > 0 ? $"{tr.Arrow} {tr.Word}" : "-", tr.Css), ReportFormat.Prose(t.Note)]),
                caption: "Poisson regression of each year's count on time with its population (or base count) as offset, over the latest five financial years (or quarters, where the data cover fewer than three years, as the note says); rising or falling when the 95% interval of the change excludes zero (source: indicator_trends).");
            sb.Append("</details>\n");
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
        sb.Append("<h3>Spine chart</h3>\n");
        if (spine.Count == 0)
            sb.Append("<p class=\"note missing\">Not drawn: the spine chart, because no indicator has both a partnership value and district values.</p>\n");
        else
        {
            var comparators = rows.Any(r => r.ComparatorLevel == "district") ? "districts" : "hubs";
            sb.Append("<p>").Append(ReportFormat.Html($"Each line is one indicator: the centre line is the benchmark ({(nationalBenchmark ? "the assessment's benchmark where set, else the partnership's own value" : "the partnership's own value, as no national benchmark was set")}), the grey bar runs from the lowest to the highest of the {comparators}, with a tick for each, and the marker is the partnership. Lines are scaled separately, so read positions, not distances, across lines.")).Append("</p>\n");
            figure(SpineChart.Create(spine, view.PartnershipShort, comparators, caption, $"The partnership's indicators against the range of its {comparators}"));
        }
    }
}
