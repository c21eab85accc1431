using NeedsAssessment.Charts;
using NeedsAssessment.Geography;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;
using NetTopologySuite.Geometries;

namespace NeedsAssessment.Report;

/// <summary>
/// LSOA boundaries from the store's GeoJSON text, in British National Grid metres, district outlines dissolved
/// from them, and the place names the maps label (the area stage's <c>area_places</c>). Boundaries that cannot be read
/// are skipped and counted, so one bad polygon never loses the map.
/// </summary>
internal sealed record ReportGeometry(IReadOnlyList<AreaShape> Lsoas, IReadOnlyList<AreaShape> Districts, int Unreadable)
{
    /// <summary>Most towns labelled besides the areas' names (the largest first; fewer when labels would overlap).</summary>
    public const int MaxTowns = 10;

    /// <summary>Places to name on the maps, most important first.</summary>
    public IReadOnlyList<MapPlace> Places { get; init; } = [];

    /// <summary>The caption's sentence on what the labels are; empty when there are none.</summary>
    public string PlacesNote { get; init; } = "";

    public static ReportGeometry Build(IReadOnlyList<AreaBoundary> rows, IReadOnlyList<AreaPlace>? places = null)
    {
        var names = rows.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var shapes = BoundaryShapes.Read(rows.Select(r => (r.Code, r.Crs, r.GeoJson)), out var unreadable)
            .Select(s => new AreaShape(s.Code, names[s.Code], s.Shape)).ToList();

        var districtOf = rows.Where(a => a.DistrictCode is not null).GroupBy(a => a.Code).ToDictionary(g => g.Key, g => (g.First().DistrictCode!, g.First().DistrictName ?? g.First().DistrictCode!), StringComparer.Ordinal);
        var districts = shapes
            .Where(s => districtOf.ContainsKey(s.Code))
            .GroupBy(s => districtOf[s.Code])
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal)
            .Select(g => new AreaShape(g.Key.Item1, g.Key.Item2, BoundaryShapes.Dissolve(g.Select(s => s.Boundary))))
            .Where(s => s.Boundary is Polygon or MultiPolygon)
            .ToList();
        var labels = Labels(places ?? []);
        return new ReportGeometry(shapes, districts, unreadable)
        {
            Places = labels,
            PlacesNote = labels.Count == 0 ? "" : Note(places ?? []),
        };
    }

    /// <summary>
    /// The same geometry from the area stage's <c>area_shapes</c>, where each boundary was read and each district
    /// dissolved once, as <see cref="Build(IReadOnlyList{AreaBoundary}, IReadOnlyList{AreaPlace}?)"/> does from the boundaries.
    /// </summary>
    public static ReportGeometry FromAreaShapes(IReadOnlyList<AreaShapeRow> rows, IReadOnlyList<AreaPlace>? places = null)
    {
        var lsoas = rows.Where(r => r.Kind == AreaShapes.Lsoa).ToList();
        var names = lsoas.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.First().Name ?? g.Key, StringComparer.Ordinal);
        var shapes = lsoas.Where(r => r.Wkb is not null).Select(r => new AreaShape(r.Code, names[r.Code], r.Shape()!)).ToList();
        var districts = rows.Where(r => r.Kind == AreaShapes.District).Select(r => new AreaShape(r.Code, r.Name ?? r.Code, r.Shape()!)).ToList();
        var labels = Labels(places ?? []);
        return new ReportGeometry(shapes, districts, lsoas.Count(r => r.Wkb is null))
        {
            Places = labels,
            PlacesNote = labels.Count == 0 ? "" : Note(places ?? []),
        };
    }

    /// <summary>
    /// The labels in the order the map tries them: towns that give an area its name (bold, at the town), then the
    /// hubs and districts (bold, at the population-weighted centre of their neighbourhoods), then the largest other towns.
    /// </summary>
    internal static IReadOnlyList<MapPlace> Labels(IReadOnlyList<AreaPlace> places)
    {
        var towns = places.Where(p => p.PlaceType == "town").OrderBy(p => p.Rank).ToList();
        var areas = places.Where(p => p.PlaceType == "hub").OrderBy(p => p.Rank)
            .Concat(places.Where(p => p.PlaceType == "district").OrderBy(p => p.Rank)).ToList();
        var areaNames = areas.Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var labels = new List<MapPlace>();
        labels.AddRange(towns.Where(t => areaNames.Contains(t.Name)).Select(t => new MapPlace(t.Name, t.X, t.Y, Emphasis: true, Point: true)));
        var done = labels.Select(l => l.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        labels.AddRange(areas.Where(a => done.Add(a.Name)).Select(a => new MapPlace(a.Name, a.X, a.Y, Emphasis: true, Point: false)));
        labels.AddRange(towns.Where(t => done.Add(t.Name)).Take(MaxTowns).Select(t => new MapPlace(t.Name, t.X, t.Y)));
        return labels;
    }

    private static string Note(IReadOnlyList<AreaPlace> places)
    {
        var districts = places.Where(p => p.PlaceType == "district").Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hubs = places.Any(p => p.PlaceType == "hub" && !districts.Contains(p.Name));
        return $"Names: {(hubs ? "districts and hubs" : "districts")} (bold) at the population-weighted centre of their neighbourhoods; towns (dots) are clusters of neighbourhoods " +
            "named from their wards or LSOA names, not an ONS built-up area gazetteer.";
    }
}
