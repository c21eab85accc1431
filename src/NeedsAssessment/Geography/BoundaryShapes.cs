using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Union;

namespace NeedsAssessment.Geography;

/// <summary>One readable area boundary in British National Grid metres.</summary>
/// <param name="Code">Area code (LSOA 2021).</param>
/// <param name="Shape">Polygon or multipolygon, valid.</param>
public sealed record BoundaryShape(string Code, Geometry Shape);

/// <summary>
/// Area boundaries from GeoJSON geometry text as the boundary files carry it (CRS84 degrees or British National Grid
/// metres), read once for the maps and for the hot spot grid's area. A boundary that cannot be read is skipped and
/// counted, so one bad polygon never loses the map.
/// </summary>
public static class BoundaryShapes
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 27700);

    /// <summary>Reads each (code, crs, GeoJSON) boundary; <paramref name="unreadable"/> counts those skipped.</summary>
    public static IReadOnlyList<BoundaryShape> Read(IEnumerable<(string Code, string Crs, string GeoJson)> rows, out int unreadable)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var each = ReadEach(list);
        var shapes = new List<BoundaryShape>();
        unreadable = 0;
        for (var i = 0; i < list.Count; i++)
        {
            if (each[i] is { } shape) shapes.Add(new BoundaryShape(list[i].Code, shape));
            else unreadable++;
        }
        return shapes;
    }

    /// <summary>Each (code, crs, GeoJSON) boundary's shape, in order, as <see cref="Read"/> gives it; null where it cannot be read.</summary>
    public static IReadOnlyList<Geometry?> ReadEach(IEnumerable<(string Code, string Crs, string GeoJson)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        var shapes = new List<Geometry?>();
        foreach (var (_, crs, json) in rows)
        {
            try
            {
                var geometry = JsonSerializer.Deserialize<Geometry>(json, options);
                if (geometry is null || geometry.IsEmpty) { shapes.Add(null); continue; }
                if (IsLonLat(crs, geometry)) geometry = ToGrid(geometry);
                if (!geometry.IsValid) geometry = geometry.Buffer(0);
                shapes.Add(geometry is Polygon or MultiPolygon ? geometry : null);
            }
            catch (JsonException)
            {
                shapes.Add(null);
            }
        }
        return shapes;
    }

    /// <summary>The union of <paramref name="parts"/> (a district from its LSOAs), with slivers under 2 m closed.</summary>
    public static Geometry Dissolve(IEnumerable<Geometry> parts)
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
