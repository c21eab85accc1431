using System.Globalization;
using System.Text;
using NeedsAssessment.Charts;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Report;

/// <summary>
/// The hot spot stage's other analyses, each with its caveats: local Moran's I clusters and outliers by neighbourhood,
/// the kernel density surface, and the PAI and RRI of one year's hot spots against the next. Drawn from the stage's rows
/// (<c>hotspots</c>, <c>hotspot_classes</c>, <c>hotspot_evaluation</c>); nothing is recomputed here.
/// </summary>
internal static class SpatialAnalysesSection
{
    public static void Write(StringBuilder sb, HotspotReadResult? stage, IReadOnlyList<HotspotEvaluationRow> evaluation, ReportGeometry geometry,
        IReadOnlyDictionary<string, string> names, string definitionName, string definitionVersion, Action<Chart> figure)
    {
        sb.Append("<h3>Other spatial analyses</h3>\n");
        if (stage?.Parameters is not { } p)
        {
            sb.Append("<p>The hot spot stage has not run on this store, so there are no local Moran clusters, density surface or hot spot accuracy to show.</p>\n");
            return;
        }
        var sources = string.Join(" and ", p.Filters.Sources.Select(ReportFormat.SourceName));
        var months = MonthPeriod.Parse(p.Period);
        var period = ReportFormat.Period(months.From, months.To);
        ChartCaption Caption(string note) => new(sources, period, p.Filters.DefinitionName ?? definitionName, p.Filters.DefinitionVersion ?? definitionVersion, note);
        (string, long, double)[] Classes(string method, string per) =>
            stage.Classes.Where(c => c.Method == method && c.Period == per).Select(c => (c.Class, c.Units, c.Share)).ToArray();

        // Local Moran's I.
        sb.Append("<h4>Clusters of neighbourhoods: local Moran's I</h4>\n");
        var lisa = stage.Of("lisa").ToList();
        if (lisa.Count == 0 || p.Areas is not { } a)
            sb.Append("<p class=\"note missing\">Not drawn: the local Moran map, because the hot spot stage did not run local Moran's I (it needs residents and population-weighted centroids, and the method in the assessment file's hot spot methods).</p>\n");
        else
        {
            var lisaPeriod = lisa[0].Period;
            sb.Append("<p>").Append(ReportFormat.Html($"Local Moran's I compares each neighbourhood's serious violence {(a.Value.Contains("rate", StringComparison.OrdinalIgnoreCase) || a.Value.Contains(" per ", StringComparison.Ordinal) ? "rate" : "count")} with its {a.K} nearest neighbours'. High-high neighbourhoods are high among high neighbours (a cluster), low-low the reverse; high-low and low-high are outliers, unlike their surroundings. "
                + $"Classes hold where the false discovery rate adjusted p-value is below {ReportFormat.Number(a.FdrLevel * 100, 0)}%{(a.Permutations > 0 ? $", with {a.Permutations:N0} permutations (seed {a.Seed})" : " (analytical variance)")}. "
                + "Caveats: rates of neighbourhoods with few residents are unstable, so a single high-low outlier can be a handful of offences; the result depends on the choice of neighbours; and neighbourhoods with no residents or centroid are left out.")).Append("</p>\n");
            figure(LisaClusterMapChart.Create(lisa.Select(r => new LisaArea(r.UnitId, r.X, r.Y, r.Class)).ToList(), geometry.Lsoas, geometry.Districts, Classes("lisa", lisaPeriod),
                Caption($"Local Moran's I on {a.Value}; {a.K} nearest neighbours.").WithNote(geometry.PlacesNote), "Local Moran's I: clusters and outliers of serious violence by neighbourhood", geometry.Places));
            var hh = lisa.Where(r => r.Class == "HH").OrderByDescending(r => r.Z).ThenBy(r => r.UnitId, StringComparer.Ordinal).Take(10).ToList();
            if (hh.Count > 0)
                HtmlTables.Table(sb, ["Neighbourhood", "Code", "Value analysed", "Local Moran z"],
                    hh.Select(r => (IReadOnlyList<HtmlCell>)[names.GetValueOrDefault(r.UnitId, r.UnitId), r.UnitId,
                        HtmlTables.Number(r.Value is { } v ? ReportFormat.Number(v, 1) : "-"), HtmlTables.Number(r.Z is { } z ? ReportFormat.Number(z, 2) : "-")]),
                    caption: $"The high-high neighbourhoods with the strongest local Moran z (up to ten); value analysed: {a.Value}");
        }

        // Kernel density.
        sb.Append("<h4>Density surface: kernel density estimation</h4>\n");
        var kde = stage.Of("kde").ToList();
        if (kde.Count == 0 || p.Kde is not { } k || p.Grid is not { } grid)
            sb.Append("<p class=\"note missing\">Not drawn: the density surface, because the hot spot stage did not run kernel density estimation.</p>\n");
        else
        {
            sb.Append("<p>").Append(ReportFormat.Html($"A smoothed surface of where offences are densest: each offence spreads over a {k.Kernel} kernel of radius {ChartBuilderDistance(k.Bandwidth)}, and each grid square takes the sum. "
                + "Caveats: density is not risk (it rises wherever many people are, unlike the Gi* map, which allows for residents); the bandwidth decides how smooth the surface looks, and a different bandwidth moves the edges; the bands rank the squares with any offences, so the densest 1% is always there, whether or not it is significantly high.")).Append("</p>\n");
            figure(KdeSurfaceChart.Create(kde.Select(r => new KdeCell(r.X, r.Y, r.Class)).ToList(), grid.CellSize, geometry.Districts, Classes("kde", kde[0].Period),
                Caption($"Quartic kernel, radius {ChartBuilderDistance(k.Bandwidth)}; {ChartBuilderDistance(grid.CellSize)} squares.").WithNote(geometry.PlacesNote), "Kernel density of serious violence", geometry.Places));
        }

        // PAI and RRI.
        sb.Append("<h4>How well the hot spots predict: PAI and RRI</h4>\n");
        if (evaluation.Count == 0)
            sb.Append("<p class=\"note missing\">Not computed: PAI and RRI need hot spots found in one yearly period and tested on the next, and the hot spot stage had fewer than two yearly periods (or predates the table; run it again).</p>\n");
        else
        {
            sb.Append("<p>").Append(ReportFormat.Html("The predictive accuracy index (PAI) divides the share of offences inside the hot spots by the share of the area they cover: above 1, the hot spots hold more than their share. PAI in the next year is the test that matters for deploying resources. The recapture rate index (RRI) is how the hot spots' offences changed against the whole area's: near 1, they kept their share. "
                + "Caveats: hot spots found in one year are partly chance (regression to the mean lowers the next year's PAI), and a small area share makes PAI large and unstable.")).Append("</p>\n");
            HtmlTables.Table(sb, ["Hot spots found in", "Tested on", "Hot squares", "Share of the area (%)", "Offences in them (found)", "Offences in them (next)", "PAI (found)", "PAI (next year)", "RRI"],
                evaluation.Select(e => (IReadOnlyList<HtmlCell>)[Period(e.FoundPeriod), Period(e.NextPeriod), HtmlTables.Number(ReportFormat.Count(e.HotspotCells)),
                    HtmlTables.Number(ReportFormat.Number(100 * e.AreaShare, 2)),
                    e.EventsInHotspotsFound is { } f ? HtmlTables.Count((long)Math.Round(f)) : new HtmlCell(ReportFormat.Hidden, "n count hidden"),
                    e.EventsInHotspotsNext is { } x ? HtmlTables.Count((long)Math.Round(x)) : new HtmlCell(ReportFormat.Hidden, "n count hidden"),
                    HtmlTables.Number(e.PaiFound is { } pf ? ReportFormat.Number(pf, 1) : "-"), HtmlTables.Number(e.PaiNext is { } pn ? ReportFormat.Number(pn, 1) : "-"),
                    HtmlTables.Number(e.Rri is { } r ? ReportFormat.Number(r, 2) : "-")]),
                caption: $"Hot squares: {evaluation[0].HotspotRule}. Source: hotspot_evaluation.");
        }
    }

    private static string Period(string months)
    {
        var m = MonthPeriod.Parse(months);
        return ReportFormat.Period(m.From, m.To);
    }

    private static string ChartBuilderDistance(double metres) => metres >= 1000 ? $"{(metres / 1000).ToString("0.#", CultureInfo.InvariantCulture)} km" : $"{metres.ToString("0", CultureInfo.InvariantCulture)} m";
}
