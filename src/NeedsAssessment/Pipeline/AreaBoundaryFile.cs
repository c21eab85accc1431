using System.Globalization;
using System.Text.Json;
using NeedsAssessment.Geography;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace NeedsAssessment.Pipeline;

/// <summary>
/// The partnership's area given as a boundary file (<c>partnership.boundary: area.geojson</c>): a GeoJSON
/// FeatureCollection (or a single Feature or geometry) of polygons in CRS84 / EPSG:4326 or British National Grid
/// (EPSG:27700). Its LSOAs are those whose population-weighted centroid (the loaded <c>centroids</c>) falls inside
/// the union of its polygons, the rule ONS uses to fit LSOAs to larger areas ("best fit"). Every polygon must pass
/// the boundary checks of ingest (<see cref="BoundaryGeometry"/>); one that does not stops the run, naming the
/// setting, the feature and the reason, as a partnership area is not something to guess.
/// </summary>
internal static class AreaBoundaryFile
{
    /// <summary>The LSOA 2021 codes whose population-weighted centroid lies inside the file's polygons.</summary>
    /// <param name="store">Store with the centroids loaded.</param>
    /// <param name="path">The boundary file.</param>
    /// <exception cref="UserErrorException">The file is missing, not GeoJSON, holds a polygon that fails a check, or no centroids are loaded.</exception>
    public static IReadOnlyList<string> Lsoas(AssessmentStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        var union = Read(path);
        var centroids = store.TableExists("centroids")
            ? store.Query("""
                SELECT upper(trim(lsoa21_code)), min(x), min(y) FROM centroids
                WHERE lsoa21_code IS NOT NULL AND x IS NOT NULL AND y IS NOT NULL GROUP BY 1 ORDER BY 1
                """, r => (Code: r.GetString(0), X: Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture), Y: Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture)))
            : [];
        if (centroids.Count == 0)
            throw new UserErrorException($"partnership.boundary: '{path}' gives the area as a boundary, which is matched to LSOAs by their population-weighted centroids, and none are loaded: add the ONS centroids (kind centroids, LSOA_Dec_2021_PWC_EW.csv) to inputs.");
        var prepared = PreparedGeometryFactory.Prepare(union);
        var factory = union.Factory;
        return [.. centroids.Where(c => prepared.Covers(factory.CreatePoint(new Coordinate(c.X, c.Y)))).Select(c => c.Code)];
    }

    /// <summary>The union of the file's polygons in British National Grid metres.</summary>
    internal static Geometry Read(string path)
    {
        if (!File.Exists(path))
            throw new UserErrorException($"partnership.boundary: the file '{path}' does not exist. Give a GeoJSON file of the partnership's boundary (CRS84 or EPSG:27700), relative to the assessment file.");
        JsonDocument doc;
        try
        {
            using var stream = File.OpenRead(path);
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new UserErrorException($"partnership.boundary: '{path}' is not GeoJSON ({ex.Message}).", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            string? crs = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("crs", out var c) && c.ValueKind == JsonValueKind.Object &&
                          c.TryGetProperty("properties", out var cp) && cp.ValueKind == JsonValueKind.Object && cp.TryGetProperty("name", out var cn) && cn.ValueKind == JsonValueKind.String
                ? cn.GetString() : null;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var geometries = new List<(string Label, string Json)>();
            switch (type)
            {
                case "FeatureCollection" when root.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array:
                    var i = 0;
                    foreach (var f in features.EnumerateArray())
                    {
                        i++;
                        geometries.Add((Label(f, i), f.ValueKind == JsonValueKind.Object && f.TryGetProperty("geometry", out var g) ? g.GetRawText() : "null"));
                    }
                    break;
                case "Feature":
                    geometries.Add((Label(root, 1), root.TryGetProperty("geometry", out var fg) ? fg.GetRawText() : "null"));
                    break;
                case "Polygon" or "MultiPolygon":
                    geometries.Add(("the geometry", root.GetRawText()));
                    break;
                default:
                    throw new UserErrorException($"partnership.boundary: '{path}' is not a GeoJSON FeatureCollection, Feature or Polygon (its type is '{type ?? "missing"}').");
            }
            if (geometries.Count == 0)
                throw new UserErrorException($"partnership.boundary: '{path}' holds no features; it should hold the partnership's boundary polygon(s).");
            var problems = geometries.Select(g => (g.Label, Why: BoundaryGeometry.Problem(g.Json, crs))).Where(p => p.Why is not null).ToList();
            if (problems.Count > 0)
                throw new UserErrorException(string.Join(Environment.NewLine, problems.Take(10).Select(p => $"partnership.boundary: '{path}', {p.Label}: {p.Why}.")));
            var shapes = BoundaryShapes.Read(geometries.Select(g => (g.Label, crs ?? "", g.Json)), out var unreadable);
            if (unreadable > 0 || shapes.Count == 0)
                throw new UserErrorException($"partnership.boundary: '{path}': {unreadable} feature(s) could not be read as polygons.");
            return shapes.Count == 1 ? shapes[0].Shape : NetTopologySuite.Operation.Union.UnaryUnionOp.Union(shapes.Select(s => s.Shape).ToList());
        }
    }

    private static string Label(JsonElement feature, int index)
    {
        if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
            foreach (var prop in p.EnumerateObject())
                if (prop.Value.ValueKind == JsonValueKind.String && (prop.Name.EndsWith("NM", StringComparison.OrdinalIgnoreCase) || prop.Name.Equals("name", StringComparison.OrdinalIgnoreCase)))
                    return $"feature {index} ('{prop.Value.GetString()}')";
        return $"feature {index}";
    }
}
