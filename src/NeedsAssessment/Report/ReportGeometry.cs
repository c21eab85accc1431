using System.Text.Json;
using NeedsAssessment.Charts;
using NeedsAssessment.Geography;
using NeedsAssessment.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Union;

namespace NeedsAssessment.Report;

/// <summary>
/// LSOA boundaries from the store's GeoJSON text, in British National Grid metres, and district outlines dissolved
/// from them. Boundaries that cannot be read are skipped and counted, so one bad polygon never loses the map.
/// </summary>
internal sealed record ReportGeometry(IReadOnlyList<AreaShape> Lsoas, IReadOnlyList<AreaShape> Districts, int Unreadable)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 27700);

    public static ReportGeometry Build(IReadOnlyList<Store.AreaBoundary> rows)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        var shapes = new List<AreaShape>();
        var unreadable = 0;
        foreach (var row in rows)
        {
            try
            {
                var geometry = JsonSerializer.Deserialize<Geometry>(row.GeoJson, options);
                if (geometry is null || geometry.IsEmpty) { unreadable++; continue; }
                if (IsLonLat(row.Crs, geometry)) geometry = ToGrid(geometry);
                if (!geometry.IsValid) geometry = geometry.Buffer(0);
                if (geometry is Polygon or MultiPolygon) shapes.Add(new AreaShape(row.Code, row.Name, geometry));
                else unreadable++;
            }
            catch (JsonException)
            {
                unreadable++;
            }
        }

        var districtOf = rows.Where(a => a.DistrictCode is not null).GroupBy(a => a.Code).ToDictionary(g => g.Key, g => (g.First().DistrictCode!, g.First().DistrictName ?? g.First().DistrictCode!), StringComparer.Ordinal);
        var districts = shapes
            .Where(s => districtOf.ContainsKey(s.Code))
            .GroupBy(s => districtOf[s.Code])
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal)
            .Select(g => new AreaShape(g.Key.Item1, g.Key.Item2, Dissolve(g.Select(s => s.Boundary))))
            .Where(s => s.Boundary is Polygon or MultiPolygon)
            .ToList();
        return new ReportGeometry(shapes, districts, unreadable);
    }

    private static Geometry Dissolve(IEnumerable<Geometry> parts)
    {
        var list = parts.ToArray();
        // LSOA boundaries as ONS publishes them are a polygonal coverage (neighbours share their edges exactly), which
        // NTS's coverage union dissolves in one pass over the edges, about ten times faster than a general overlay on
        // North Yorkshire. A set that is not a clean coverage (overlaps, synthetic shapes) falls back to the overlay.
        Geometry union;
        try
        {
            union = NetTopologySuite.Coverage.CoverageUnion.Union(list);
            if (union is null || !union.IsValid) union = UnaryUnionOp.Union(list);
        }
        catch (TopologyException)
        {
            union = UnaryUnionOp.Union(list);
        }
        // Slivers between synthetic or simplified neighbours would otherwise draw as inner district lines.
        return union.Buffer(1).Buffer(-1);
    }

    /// <summary>CRS84 per the name, or coordinates that can only be degrees (GeoJSON's default when no crs is given).</summary>
    private static bool IsLonLat(string crs, Geometry g)
    {
        if (crs.Contains("27700", StringComparison.Ordinal)) return false;
        if (crs.Contains("CRS84", StringComparison.OrdinalIgnoreCase) || crs.Contains("4326", StringComparison.Ordinal)) return true;
        var e = g.EnvelopeInternal;
        return e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90;
    }

    private static Geometry ToGrid(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new ToGridFilter());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ToGridFilter : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = BritishNationalGrid.FromLonLat(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
