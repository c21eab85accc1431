using NeedsAssessment.Charts;
using NeedsAssessment.Geography;
using NeedsAssessment.Spatial;
using NetTopologySuite.Geometries;

namespace NeedsAssessment.Report;

/// <summary>
/// LSOA boundaries from the store's GeoJSON text, in British National Grid metres, and district outlines dissolved
/// from them. Boundaries that cannot be read are skipped and counted, so one bad polygon never loses the map.
/// </summary>
internal sealed record ReportGeometry(IReadOnlyList<AreaShape> Lsoas, IReadOnlyList<AreaShape> Districts, int Unreadable)
{
    public static ReportGeometry Build(IReadOnlyList<Store.AreaBoundary> rows)
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
        return new ReportGeometry(shapes, districts, unreadable);
    }
}
