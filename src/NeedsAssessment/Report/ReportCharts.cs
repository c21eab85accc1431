using NeedsAssessment.Charts;
using NeedsAssessment.Spatial;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Report;

/// <summary>A hot cell as the report lists it: where it is in words, and how strong.</summary>
/// <remarks><paramref name="Count"/> is null when the hot spot stage suppressed it.</remarks>
internal sealed record TopHotspot(int Rank, string Lsoa, string LsoaName, string District, long? Count, double Z, string Confidence, double X, double Y, string? Trend = null, string? OffenceGroup = null, string? UnitId = null);

/// <summary>The report's hot spot map and ranked list, drawn from the hot spot stage's rows.</summary>
/// <param name="Map">The map chart, or null when the stage has not run.</param>
/// <param name="Grid">The stage's grid of its main period, as drawn.</param>
/// <param name="Top">The ranked list, one line per cluster.</param>
/// <param name="Period">The stage's main period in words.</param>
internal sealed record HotspotSection(Chart? Map, HotspotGiStarResult? Grid, List<TopHotspot> Top, string? Period);

/// <summary>The charts of the report, keyed by the section they belong to, plus the hot-spot results the text cites.</summary>
/// <param name="BySection">Charts per section.</param>
/// <param name="TopHotspots">The hot spot stage's ranked list (one line per cluster), empty when the stage did not run or found none.</param>
/// <param name="Hotspots">The stage's Gi* grid of its main period, exactly as the map draws it, or null when the stage did not run.</param>
/// <param name="CellSize">The stage's cell size.</param>
/// <param name="HotspotPeriod">The stage's main period in words, printed on the map and the ranked list.</param>
internal sealed record ReportChartSet(IReadOnlyDictionary<string, IReadOnlyList<Chart>> BySection, IReadOnlyList<TopHotspot> TopHotspots, HotspotGiStarResult? Hotspots, double? CellSize, string? HotspotPeriod = null)
{
    public IReadOnlyList<Chart> Of(string section) => BySection.TryGetValue(section, out var c) ? c : [];
}

/// <summary>
/// Maps the report's aggregated store data to the chart input records and calls the chart methods. The charts run no
/// SQL; this class runs none either: <see cref="ReportData"/> has already queried the store.
/// </summary>
internal static class ReportCharts
{
    public const string Prevalence = "prevalence";
    public const string Where = "where";
    public const string When = "when";
    public const string Who = "who";

    public static ReportChartSet Build(ReportData data, IReadOnlyList<ReportIndicator> indicators, ReportGeometry geometry, SmallNumberRule rule, string definitionName, string definitionVersion, HotspotReadResult? stage = null)
    {
        var period = data.Periods.Label;
        var police = ReportFormat.SourceName(data.Periods.PoliceSource);
        var suppressionNote = rule.HideTo > 0 ? $"Counts {rule.HideFrom}-{rule.HideTo} suppressed ({rule.Name} rule)." : null;
        ChartCaption Caption(string source, string? p = null) => new(source, p ?? period, definitionName, definitionVersion, suppressionNote);
        var sections = new Dictionary<string, IReadOnlyList<Chart>>(StringComparer.Ordinal);

        // Prevalence, severity and impact.
        var prevalence = new List<Chart>();
        var districtRates = indicators.Where(i => i.Id == "sv_rate" && i.Level == "district")
            .Select(i => new AreaValue(i.AreaCode, i.AreaName, i.Value, i.Lower, i.Upper, i.Suppressed, i.Denominator)).ToList();
        var whole = indicators.FirstOrDefault(i => i.Id == "sv_rate" && i.Level == "partnership");
        if (whole?.Value is { } benchmark)
        {
            prevalence.Add(CaterpillarChart.Create(districtRates, benchmark, data.PartnershipShort,
                "Serious violence offences per 1,000 residents", Caption(police), "Serious violence rate by district, with 95% confidence intervals"));
        }
        var lsoaRates = LsoaRates(data, rule);
        var totalPop = data.Lsoas.Sum(l => l.Population);
        var totalCount = data.Lsoas.Sum(l => (double)l.SeriousViolence);
        var withPop = data.Lsoas.Where(l => l.Population > 0).ToList();
        if (withPop.Count > 0 && totalCount > 0)
        {
            var curve = FunnelPlot.RateCurve(totalCount / totalPop, withPop.Min(l => l.Population) * 0.9, withPop.Max(l => l.Population) * 1.1, 100, 1_000);
            prevalence.Add(FunnelChart.Create(lsoaRates.Where(a => a.Denominator > 0).ToList(), curve, "Serious violence offences per 1,000 residents", "Resident population of the neighbourhood (LSOA)",
                Caption(police), "Neighbourhood serious violence rates against population size (funnel plot)"));
        }
        var groups = data.Subgroups.Select(g => new OffenceGroupSeverity(g.Group, g.Count, g.MeanPenaltyDays / 365.25, rule.Hides(g.Count))).ToList();
        prevalence.Add(SeverityVolumeChart.Create(groups, Caption(police).WithNote(Classify.LifeMaximumPenalty.Note()),
            "How common and how serious: offence groups by volume and mean maximum penalty", "Mean maximum penalty per offence (years)", "Offences (count)"));
        if (withPop.Count > 1 && totalCount > 0)
        {
            var gini = GiniCoefficient.Calculate(withPop.Select(l => (double)l.SeriousViolence).ToList(), withPop.Select(l => l.Population).ToList());
            prevalence.Add(LorenzChart.Create(gini, Caption(police), "How concentrated serious violence is across neighbourhoods (Lorenz curve)",
                "Cumulative share of residents (%), neighbourhoods from lowest to highest rate", "Cumulative share of serious violence offences (%)"));
        }
        var sii = ReportIndicators.Sii(data);
        if (data.Deciles.Count > 0)
        {
            var quantiles = data.Deciles.Where(d => d.Population > 0).OrderBy(d => d.Decile).Select(d =>
            {
                var est = CrudeRate.Calculate(d.Count, d.Population, 1_000);
                var label = d.Decile switch { 1 => "1 (most deprived)", 10 => "10 (least deprived)", _ => d.Decile.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                var hidden = rule.Hides(d.Count);
                return new QuantileValue(d.Decile, label, hidden ? null : est.Value, hidden ? null : est.Lower, hidden ? null : est.Upper, d.Population, hidden);
            }).ToList();
            prevalence.Add(DeprivationGradientChart.Create(quantiles, sii, "Serious violence offences per 1,000 residents", Caption(police + "; Indices of Deprivation 2019"),
                "Serious violence by neighbourhood deprivation (IMD 2019 deciles)"));
        }
        var districts = data.Districts.Where(d => d.Population > 0).ToList();
        if (data.Partnership.EdAssaults > 0)
        {
            var pairs = districts.Select(d => new DistrictPair(d.Code, d.Name,
                rule.Hides(d.ViolenceWithInjury) ? null : d.ViolenceWithInjury / d.Population * 100_000,
                rule.Hides(d.EdAssaults) ? null : d.EdAssaults / d.Population * 100_000,
                rule.Hides(d.ViolenceWithInjury), rule.Hides(d.EdAssaults))).ToList();
            prevalence.Add(PoliceHealthChart.Create(pairs, "Per 100,000 residents", Caption(police + "; emergency departments (ISTV)"),
                "Violence with injury (police) and assault attendances (emergency departments)"));
        }
        sections[Prevalence] = prevalence;

        // Where: the hot spot stage's own rows, so the map and the ranked list are the same cells, baseline and period
        // as hotspots.csv and hotspot-top.csv (the report computes no Gi* of its own).
        var where = new List<Chart>();
        var hotspots = HotspotMap(stage, geometry, definitionName, definitionVersion);
        if (hotspots.Map is not null) where.Add(hotspots.Map);
        var (hot, top, hotspotPeriod) = (hotspots.Grid, hotspots.Top, hotspots.Period);
        if (geometry.Lsoas.Count > 0)
        {
            where.Add(ChoroplethChart.Create(lsoaRates, geometry.Lsoas, geometry.Districts, "Serious violence offences per 1,000 residents", Caption(police),
                "Serious violence rate by neighbourhood (LSOA), quintiles"));
        }
        sections[Where] = where;

        // When.
        var when = new List<Chart>
        {
            MonthlyTrendChart.Create(data.Months.Select(m => new MonthCount(m.Month, m.Count, m.Count is { } c && rule.Hides(c))).ToList(),
                Caption(police, ReportFormat.Period(data.Periods.FirstMonth, data.Periods.LastMonth)), "Serious violence offences per month, with 3-month rolling mean", 3, "Offences per month"),
        };
        if (data.DayHour.Count > 0)
        {
            var byCell = data.DayHour.ToDictionary(c => (c.IsoDay, c.Hour), c => c.Count);
            var cells = new List<DayHourCount>();
            for (var day = 1; day <= 7; day++)
                for (var hour = 0; hour < 24; hour++)
                {
                    var n = byCell.GetValueOrDefault((day, hour));
                    cells.Add(new DayHourCount((DayOfWeek)(day % 7), hour, rule.Hides(n) ? null : n, rule.Hides(n)));
                }
            when.Add(DayHourHeatmapChart.Create(cells, Caption(police).WithNote(data.DayHourMissing > 0 ? $"{ReportFormat.Count(data.DayHourMissing)} offences without a recorded time are not shown." : null),
                "Serious violence by day of the week and hour of the day", "Offences"));
        }
        sections[When] = when;
        return new ReportChartSet(sections, top, hot, hot?.Grid.Parameters.CellSize, hotspotPeriod);
    }

    /// <summary>
    /// The hot spot map and ranked list, both from the hot spot stage's own rows of its main period (no Gi* here), or
    /// nothing when the stage has not run.
    /// </summary>
    internal static HotspotSection HotspotMap(HotspotReadResult? stage, ReportGeometry geometry, string definitionName, string definitionVersion)
    {
        if (stage?.Parameters is not { Grid: not null, GiStar: not null } sp || !stage.Of("gistar", sp.Period).Any()) return new HotspotSection(null, null, [], null);
        var months = MonthPeriod.Parse(sp.Period);
        var period = ReportFormat.Period(months.From, months.To);
        var grid = stage.GiStar(sp.Period);
        var sources = string.Join(" and ", sp.Filters.Sources.Select(ReportFormat.SourceName));
        var baseline = sp.GiStar.Baseline == "population" ? "offences above or below the number expected from residents" : "offence counts";
        var map = HotspotMapChart.Create(grid, geometry.Districts,
            new ChartCaption(sources, period, sp.Filters.DefinitionName ?? definitionName, sp.Filters.DefinitionVersion ?? definitionVersion, $"Gi* on {baseline}."),
            "Hot and cold spots of serious violence (Getis-Ord Gi*)");
        // One line per cluster of touching hot squares (its strongest square), so the list names separate places.
        var top = stage.Top.GroupBy(t => t.Cluster).Select(g => g.OrderBy(t => t.Rank).First()).OrderBy(t => t.Rank).Take(10)
            .Select((t, i) => new TopHotspot(i + 1, t.Lsoa21Code ?? "", t.Lsoa21Name ?? "(no neighbourhood found)", t.DistrictName ?? "",
                t.ClusterCount is { } n ? (long)Math.Round(n) : null, t.Z,
                HotspotMapChart.ClassLabel(t.Class switch { "hot99" => HotspotClass.Hot99, "hot95" => HotspotClass.Hot95, "hot90" => HotspotClass.Hot90, _ => HotspotClass.None }),
                t.X, t.Y, t.Trend, t.TopOffenceGroup, t.UnitId))
            .ToList();
        return new HotspotSection(map, grid, top, period);
    }

    /// <summary>LSOA serious violence rates; a rate built on a hidden count is hidden too (the population is public).</summary>
    public static List<AreaValue> LsoaRates(ReportData data, SmallNumberRule rule) =>
        data.Lsoas.Select(l =>
        {
            var hidden = rule.Hides(l.SeriousViolence);
            if (l.Population <= 0) return new AreaValue(l.Code, l.Name, null, null, null, hidden, null);
            var est = CrudeRate.Calculate(l.SeriousViolence, l.Population, 1_000);
            return hidden
                ? new AreaValue(l.Code, l.Name, null, null, null, true, l.Population)
                : new AreaValue(l.Code, l.Name, est.Value, est.Lower, est.Upper, false, l.Population);
        }).ToList();
}
