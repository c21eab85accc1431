using System.Globalization;
using NeedsAssessment.Charts;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Report;

/// <summary>The local Moran part: what was analysed and how, the map, and the strongest high-high neighbourhoods (null when none).</summary>
internal sealed record LisaView(string Measure, string K, string FdrPercent, string? Permutations, string Seed, FigureView Map, HtmlTable? HighHigh);

/// <summary>The kernel density part: kernel, radius and the map.</summary>
internal sealed record KdeView(string Kernel, string Radius, FigureView Map);

/// <summary>The other spatial analyses as <c>spatial.liquid</c> lays them out; <see cref="Ran"/> is false when the hot spot stage has not run.</summary>
internal sealed class SpatialView(bool ran)
{
    public bool Ran { get; } = ran;

    public LisaView? Lisa { get; set; }

    public KdeView? Kde { get; set; }

    public HtmlTable? Evaluation { get; set; }
}

/// <summary>
/// The hot spot stage's other analyses, each with its caveats: local Moran's I clusters and outliers by neighbourhood,
/// the kernel density surface, and the PAI and RRI of one year's hot spots against the next. Drawn from the stage's rows
/// (<c>hotspots</c>, <c>hotspot_classes</c>, <c>hotspot_evaluation</c>); nothing is recomputed here.
/// </summary>
internal static class SpatialAnalysesSection
{
    public static SpatialView Build(HotspotReadResult? stage, IReadOnlyList<HotspotEvaluationRow> evaluation, ReportGeometry geometry,
        IReadOnlyDictionary<string, string> names, string definitionName, string definitionVersion, ReportFigures figures)
    {
        if (stage?.Parameters is not { } p) return new SpatialView(false);
        var view = new SpatialView(true);
        var sources = string.Join(" and ", p.Filters.Sources.Select(ReportFormat.SourceName));
        var months = MonthPeriod.Parse(p.Period);
        var period = ReportFormat.Period(months.From, months.To);
        ChartCaption Caption(string note) => new(sources, period, p.Filters.DefinitionName ?? definitionName, p.Filters.DefinitionVersion ?? definitionVersion, note);
        (string, long, double)[] Classes(string method, string per) =>
            stage.Classes.Where(c => c.Method == method && c.Period == per).Select(c => (c.Class, c.Units, c.Share)).ToArray();

        // Local Moran's I.
        var lisa = stage.Of("lisa").ToList();
        if (lisa.Count > 0 && p.Areas is { } a)
        {
            var lisaPeriod = lisa[0].Period;
            view.Lisa = new LisaView(
                a.Value.Contains("rate", StringComparison.OrdinalIgnoreCase) || a.Value.Contains(" per ", StringComparison.Ordinal) ? "rate" : "count",
                a.K.ToString(CultureInfo.InvariantCulture), ReportFormat.Number(a.FdrLevel * 100, 0),
                a.Permutations > 0 ? $"{a.Permutations:N0}" : null, a.Seed.ToString(CultureInfo.InvariantCulture),
                figures.Draw(LisaClusterMapChart.Create(lisa.Select(r => new LisaArea(r.UnitId, r.X, r.Y, r.Class)).ToList(), geometry.Lsoas, geometry.Districts, Classes("lisa", lisaPeriod),
                    Caption($"Local Moran's I on {a.Value}; {a.K} nearest neighbours.").WithNote(geometry.PlacesNote), "Local Moran's I: clusters and outliers of serious violence by neighbourhood", geometry.Places)),
                lisa.Where(r => r.Class == "HH").OrderByDescending(r => r.Z).ThenBy(r => r.UnitId, StringComparer.Ordinal).Take(10).ToList() is { Count: > 0 } hh
                    ? HtmlTables.Of(["Neighbourhood", "Code", "Value analysed", "Local Moran z"],
                        hh.Select(r => (IReadOnlyList<HtmlCell>)[names.GetValueOrDefault(r.UnitId, r.UnitId), r.UnitId,
                            HtmlTables.Number(r.Value is { } v ? ReportFormat.Number(v, 1) : "-"), HtmlTables.Number(r.Z is { } z ? ReportFormat.Number(z, 2) : "-")]),
                        caption: $"The high-high neighbourhoods with the strongest local Moran z (up to ten); value analysed: {a.Value}")
                    : null);
        }

        // Kernel density.
        var kde = stage.Of("kde").ToList();
        if (kde.Count > 0 && p.Kde is { } k && p.Grid is { } grid)
            view.Kde = new KdeView(k.Kernel, ChartBuilderDistance(k.Bandwidth),
                figures.Draw(KdeSurfaceChart.Create(kde.Select(r => new KdeCell(r.X, r.Y, r.Class)).ToList(), grid.CellSize, geometry.Districts, Classes("kde", kde[0].Period),
                    Caption($"Quartic kernel, radius {ChartBuilderDistance(k.Bandwidth)}; {ChartBuilderDistance(grid.CellSize)} squares.").WithNote(geometry.PlacesNote), "Kernel density of serious violence", geometry.Places)));

        // PAI and RRI.
        if (evaluation.Count > 0)
            view.Evaluation = HtmlTables.Of(["Hot spots found in", "Tested on", "Hot squares", "Share of the area (%)", "Offences in them (found)", "Offences in them (next)", "PAI (found)", "PAI (next year)", "RRI"],
                evaluation.Select(e => (IReadOnlyList<HtmlCell>)[Period(e.FoundPeriod), Period(e.NextPeriod), HtmlTables.Number(ReportFormat.Count(e.HotspotCells)),
                    HtmlTables.Number(ReportFormat.Number(100 * e.AreaShare, 2)),
                    e.EventsInHotspotsFound is { } f ? HtmlTables.Count((long)Math.Round(f)) : new HtmlCell(ReportFormat.Hidden, "n count hidden"),
                    e.EventsInHotspotsNext is { } x ? HtmlTables.Count((long)Math.Round(x)) : new HtmlCell(ReportFormat.Hidden, "n count hidden"),
                    HtmlTables.Number(e.PaiFound is { } pf ? ReportFormat.Number(pf, 1) : "-"), HtmlTables.Number(e.PaiNext is { } pn ? ReportFormat.Number(pn, 1) : "-"),
                    HtmlTables.Number(e.Rri is { } r ? ReportFormat.Number(r, 2) : "-")]),
                caption: $"Hot squares: {evaluation[0].HotspotRule}. Source: hotspot_evaluation.");
        return view;
    }

    private static string Period(string months)
    {
        var m = MonthPeriod.Parse(months);
        return ReportFormat.Period(m.From, m.To);
    }

    private static string ChartBuilderDistance(double metres) => metres >= 1000 ? $"{(metres / 1000).ToString("0.#", CultureInfo.InvariantCulture)} km" : $"{metres.ToString("0", CultureInfo.InvariantCulture)} m";
}
