using NeedsAssessment.Charts;
using NeedsAssessment.Spatial;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Report;

/// <summary>A hot cell as the report lists it: where it is in words, and how strong.</summary>
internal sealed record TopHotspot(int Rank, string Lsoa, string LsoaName, string District, long? Count, double Z, string Confidence, double X, double Y, string? Trend = null, string? OffenceGroup = null, string? UnitId = null);

/// <summary>The report's hot spot map and ranked list, drawn from the hot spot stage's rows.</summary>
/// <param name="Map">The map chart, or null when the stage has not run.</param>
/// <param name="Grid">The stage's grid of its main period, as drawn.</param>
/// <param name="Top">The ranked list, one line per cluster.</param>
/// <param name="Period">The stage's main period in words.</param>
internal sealed record HotspotSection(Chart? Map, HotspotGiStarResult? Grid, List<TopHotspot> Top, string? Period);

/// <summary>A figure of the report: the chart, or, when there is nothing to draw, the sentence that says why.</summary>
internal sealed record ReportFigure(string Title, Chart? Chart, string? WhyMissing = null)
{
    public static ReportFigure Missing(string title, string why) => new(title, null, why);
}

/// <summary>The figures of the report, keyed by the section they belong to, plus the hot-spot results the text cites.</summary>
/// <param name="BySection">Figures per section.</param>
/// <param name="TopHotspots">The hot spot stage's ranked list (one line per cluster), empty when the stage did not run or found none.</param>
/// <param name="Hotspots">The stage's Gi* grid of its main period, exactly as the map draws it, or null when the stage did not run.</param>
/// <param name="CellSize">The stage's cell size.</param>
/// <param name="HotspotPeriod">The stage's main period in words, printed on the map and the ranked list.</param>
internal sealed record ReportChartSet(IReadOnlyDictionary<string, IReadOnlyList<ReportFigure>> BySection, IReadOnlyList<TopHotspot> TopHotspots, HotspotGiStarResult? Hotspots, double? CellSize, string? HotspotPeriod = null)
{
    public IReadOnlyList<ReportFigure> Of(string section) => BySection.TryGetValue(section, out var c) ? c : [];
}

/// <summary>
/// Maps the stages' result rows to the chart input records and calls the chart methods. No SQL, no statistic and no
/// suppression: every value drawn is a value of a result row.
/// </summary>
internal static class ReportCharts
{
    public const string Prevalence = "prevalence";
    public const string Where = "where";
    public const string When = "when";
    public const string Who = "who";

    public static ReportChartSet Build(ReportView view, IReadOnlyList<ReportIndicator> indicators, ReportGeometry geometry, string definitionName, string definitionVersion, HotspotReadResult? stage = null)
    {
        var d = view.Descriptives;
        var rule = view.Rule;
        var period = view.Label;
        var police = ReportFormat.SourceName(view.Period.PoliceSource);
        var suppressionNote = rule.HideTo > 0 ? $"Counts {rule.HideFrom}-{rule.HideTo} suppressed ({rule.Name} rule)." : null;
        ChartCaption Caption(string source, string? p = null) => new(source, p ?? period, definitionName, definitionVersion, suppressionNote);
        var sections = new Dictionary<string, IReadOnlyList<ReportFigure>>(StringComparer.Ordinal);

        // Prevalence, severity and impact.
        var prevalence = new List<ReportFigure>();
        const string caterpillar = "Serious violence rate by district, with 95% confidence intervals";
        var districtRates = indicators.Where(i => i.Id == "sv_rate" && i.Level == "district")
            .Select(i => new AreaValue(i.AreaCode, i.AreaName, i.Value, i.Lower, i.Upper, i.Suppressed, i.Denominator)).ToList();
        var whole = indicators.FirstOrDefault(i => i.Id == "sv_rate" && i.Level == "partnership");
        prevalence.Add(whole?.Value is { } benchmark && districtRates.Count > 0
            ? new(caterpillar, CaterpillarChart.Create(districtRates, benchmark, view.PartnershipShort, "Serious violence offences per 1,000 residents a year", Caption(police), caterpillar))
            : ReportFigure.Missing(caterpillar, "the indicator stage has no serious violence rate for the districts in this period."));

        var lsoaRates = view.AtHeadline("sv_rate", "lsoa").Select(i => new AreaValue(i.AreaCode, i.AreaName ?? i.AreaCode, i.Value, i.Lower95, i.Upper95, i.Suppressed, i.Denominator)).ToList();
        const string funnel = "Neighbourhood serious violence rates against population size (funnel plot)";
        prevalence.Add(lsoaRates.Count > 0 && d.Funnel.Count > 0
            ? new(funnel, FunnelChart.Create(lsoaRates.Where(a => a.Denominator > 0).ToList(),
                d.Funnel.Select(f => new FunnelLimits(f.Population, f.Target, f.Lower95, f.Upper95, f.Lower998, f.Upper998, 1_000, "exact Poisson")).ToList(),
                "Serious violence offences per 1,000 residents a year",
                view.Period.Months == 12 ? "Resident population of the neighbourhood (LSOA)" : $"Person-years: residents of the neighbourhood (LSOA) × {ReportFormat.Number(view.Period.Months / 12.0, 2)} years", Caption(police), funnel))
            : ReportFigure.Missing(funnel, "no neighbourhood (LSOA) rates were computed: add lsoa to the assessment file's geography levels."));

        // Short enough to sit over the plot beside its key of a dozen groups (a longer title was clipped on the left).
        const string severity = "Offence groups by volume and mean maximum penalty";
        var groups = d.OffenceMix.Select(g => new OffenceGroupSeverity(g.OffenceGroup, g.Count, g.MeanPenaltyYears, g.Suppressed, g.PenaltyYearsTotal)).ToList();
        prevalence.Add(d.OffenceMix.Any(g => g.MeanPenaltyYears is not null)
            ? new(severity, SeverityVolumeChart.Create(groups, Caption(police).WithNote(Classify.LifeMaximumPenalty.Note()), severity, "Mean maximum penalty per offence (years)", "Offences (count)"))
            : ReportFigure.Missing(severity, $"{police} records carry crime types, not offences, so no offence's own maximum penalty is known; the severity of each type is the range of maximum penalties in the offence mix table below."));

        const string lorenz = "How concentrated serious violence is across neighbourhoods (Lorenz curve)";
        var gini = view.AtHeadline("sv_gini", "partnership").FirstOrDefault();
        prevalence.Add(d.Lorenz.Count > 0
            ? new(lorenz, LorenzChart.Create(new GiniResult(gini?.Value ?? double.NaN, d.Lorenz.Select(l => new LorenzPoint(l.PopulationShare, l.CountShare)).ToList()),
                Caption(police), lorenz, "Cumulative share of residents (%), neighbourhoods from lowest to highest rate", "Cumulative share of serious violence offences (%)"))
            : ReportFigure.Missing(lorenz, "there are too few neighbourhoods with residents and offences to draw it."));

        const string deprivation = "Serious violence by neighbourhood deprivation (IMD 2019 deciles)";
        prevalence.Add(d.Deprivation.Count > 0
            ? new(deprivation, DeprivationGradientChart.Create(d.Deprivation.Select(x => new QuantileValue((int)x.Decile,
                    x.Decile switch { 1 => "1 (most deprived)", 10 => "10 (least deprived)", _ => x.Decile.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    x.Rate, x.Lower95, x.Upper95, x.Population, x.Suppressed, x.Ridit)).ToList(),
                // The slope index is the indicator stage's (the impact table); the chart draws the decile rates only.
                null, "Serious violence offences per 1,000 residents a year", Caption(police + "; Indices of Deprivation 2019"), deprivation))
            : ReportFigure.Missing(deprivation, "no deprivation file (IMD 2019) was loaded."));

        const string policeHealth = "Violence with injury (police) and assault attendances (emergency departments)";
        var vwi = view.AtHeadline("vwi_rate", "district").ToDictionary(i => i.AreaCode, StringComparer.Ordinal);
        var ed = view.AtHeadline("ed_assault_rate", "district").ToDictionary(i => i.AreaCode, StringComparer.Ordinal);
        prevalence.Add(ed.Values.Any(e => e.Value is not null) && vwi.Count > 0
            ? new(policeHealth, PoliceHealthChart.Create(view.Districts.Where(x => vwi.ContainsKey(x.Code) || ed.ContainsKey(x.Code)).Select(x =>
                {
                    var p = vwi.GetValueOrDefault(x.Code);
                    var h = ed.GetValueOrDefault(x.Code);
                    return new DistrictPair(x.Code, x.Name, p?.Value, h?.Value, p?.Suppressed ?? false, h?.Suppressed ?? false);
                }).ToList(), "Per 100,000 residents", Caption(police + "; emergency departments (ISTV)"), policeHealth))
            : ReportFigure.Missing(policeHealth, "no emergency department assault data were loaded, so there is nothing to set beside the police figures."));
        sections[Prevalence] = prevalence;

        // Where: the hot spot stage's own rows, so the map and the ranked list are the same cells, baseline and period
        // as hotspots.csv and hotspot-top.csv (the report computes no Gi* of its own).
        var where = new List<ReportFigure>();
        const string map = "Hot and cold spots of serious violence (Getis-Ord Gi*)";
        var hotspots = HotspotMap(stage, geometry, definitionName, definitionVersion);
        where.Add(hotspots.Map is { } m ? new(map, m) : ReportFigure.Missing(map, "the hot spot stage has not run on this store."));
        var (hot, top, hotspotPeriod) = (hotspots.Grid, hotspots.Top, hotspots.Period);
        const string choropleth = "Serious violence rate by neighbourhood (LSOA), quintiles";
        where.Add(geometry.Lsoas.Count > 0 && lsoaRates.Count > 0
            ? new(choropleth, ChoroplethChart.Create(lsoaRates, geometry.Lsoas, geometry.Districts, "Serious violence offences per 1,000 residents a year", Caption(police).WithNote(geometry.PlacesNote), choropleth, geometry.Places))
            : ReportFigure.Missing(choropleth, geometry.Lsoas.Count == 0 ? "no neighbourhood boundaries were loaded." : "no neighbourhood (LSOA) rates were computed."));
        sections[Where] = where;

        // When.
        const string trend = "Serious violence offences per month, with 3-month rolling mean";
        const string dayHour = "Serious violence by day of the week and hour of the day";
        var when = new List<ReportFigure>
        {
            TrendMonths(d.Monthly) is { Count: > 0 } months && months.Any(m => m.Count is not null)
                ? new(trend, MonthlyTrendChart.Create(months.Select(m => new MonthCount(m.Month, m.Count, m.Suppressed, m.RollingMean, m.SeasonalMean)).ToList(),
                    Caption(police, ReportFormat.Period(months[0].Month, months[^1].Month)
                        + (months.Count < d.Monthly.Count ? $" (earlier months, from {ReportFormat.ShortMonth(d.Monthly[0].Month)}, are left out: more than a year without data separates them)" : "")),
                    trend, 3, "Offences per month", meansGiven: true))
                : ReportFigure.Missing(trend, "every month is suppressed or has no data."),
            d.DayHour.Count > 0
                ? new(dayHour, DayHourHeatmapChart.Create(d.DayHour.Select(c => new DayHourCount((DayOfWeek)(c.IsoDay % 7), (int)c.Hour, c.Count, c.Suppressed)).ToList(),
                    Caption(police).WithNote(view.Period.UntimedEvents is > 0 ? $"{ReportFormat.Count(view.Period.UntimedEvents.Value)} offences without a recorded time are not shown." : null), dayHour, "Offences"))
                : ReportFigure.Missing(dayHour, $"{police} records carry no time of day."),
        };
        sections[When] = when;
        return new ReportChartSet(sections, top, hot, hot?.Grid.Parameters.CellSize, hotspotPeriod);
    }

    /// <summary>
    /// The hot spot map and ranked list, both from the hot spot stage's own rows of its main period (no Gi* here), or
    /// nothing when the stage has not run.
    /// </summary>
    // A trend drawn across years without data is mostly empty axis: the chart starts after the last gap of more than
    // twelve months without data, and its caption says what was left out.
    internal static IReadOnlyList<Descriptives.MonthlyCount> TrendMonths(IReadOnlyList<Descriptives.MonthlyCount> monthly)
    {
        int start = 0, gap = 0;
        for (int i = 0; i < monthly.Count; i++)
        {
            if (monthly[i].HasData)
            {
                if (gap > 12) start = i;
                gap = 0;
            }
            else gap++;
        }
        return start == 0 ? monthly : monthly.Skip(start).ToList();
    }

    internal static HotspotSection HotspotMap(HotspotReadResult? stage, ReportGeometry geometry, string definitionName, string definitionVersion)
    {
        if (stage?.Parameters is not { Grid: not null, GiStar: not null } sp || !stage.Of("gistar", sp.Period).Any()) return new HotspotSection(null, null, [], null);
        var months = MonthPeriod.Parse(sp.Period);
        var period = ReportFormat.Period(months.From, months.To);
        var grid = stage.GiStar(sp.Period);
        var sources = string.Join(" and ", sp.Filters.Sources.Select(ReportFormat.SourceName));
        var baseline = sp.GiStar.Baseline == "population" ? "offences above or below the number expected from residents" : "offence counts";
        var map = HotspotMapChart.Create(grid, geometry.Districts,
            new ChartCaption(sources, period, sp.Filters.DefinitionName ?? definitionName, sp.Filters.DefinitionVersion ?? definitionVersion, $"Gi* on {baseline}. {geometry.PlacesNote}".TrimEnd()),
            "Hot and cold spots of serious violence (Getis-Ord Gi*)",
            stage.Classes.Where(c => c.Method == "gistar" && c.Period == sp.Period).ToList(), geometry.Places);
        // One line per cluster of touching hot squares (its strongest square), so the list names separate places.
        var top = stage.Top.GroupBy(t => t.Cluster).Select(g => g.OrderBy(t => t.Rank).First()).OrderBy(t => t.Rank).Take(10)
            .Select((t, i) => new TopHotspot(i + 1, t.Lsoa21Code ?? "", t.Lsoa21Name ?? "(no neighbourhood found)", t.DistrictName ?? "",
                t.ClusterCount is { } n ? (long)Math.Round(n) : null, t.Z,
                HotspotMapChart.ClassLabel(t.Class switch { "hot99" => HotspotClass.Hot99, "hot95" => HotspotClass.Hot95, "hot90" => HotspotClass.Hot90, _ => HotspotClass.None }),
                t.X, t.Y, t.Trend, t.TopOffenceGroup, t.UnitId))
            .ToList();
        return new HotspotSection(map, grid, top, period);
    }
}
