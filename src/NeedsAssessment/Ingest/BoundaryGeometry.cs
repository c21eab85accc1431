using System.Globalization;
using System.Text.Json;
using NeedsAssessment.Store;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace NeedsAssessment.Ingest;

/// <summary>
/// The geometry rules for boundary files, checked at ingest so that no later stage (the report's maps, district
/// outlines) ever meets a shape it cannot draw: every feature must be a Polygon or MultiPolygon whose rings are closed
/// and have at least four positions, whose coordinates are finite and inside the range of the collection's declared
/// CRS (longitude/latitude over Great Britain for CRS84 and EPSG:4326, British National Grid metres for EPSG:27700),
/// with the CRS checked against the values (a file that says CRS84 but holds eastings is told so), and which
/// NetTopologySuite's <see cref="IsValidOp"/> accepts. A feature that breaks a rule is quarantined with rule
/// <c>geometry</c> and the reason; the others load, and rows read = loaded + quarantined still holds.
/// </summary>
/// <remarks>
/// Per-feature C# rather than SQL: DuckDB's spatial extension is not available offline, and a boundary file has one
/// feature per LSOA (35,000 for England and Wales), not millions of rows.
/// </remarks>
internal static class BoundaryGeometry
{
    /// <summary>The quarantine rule of a boundary that breaks a geometry rule.</summary>
    public const string Rule = "geometry";

    // Great Britain and Northern Ireland with a margin, in degrees; the British National Grid's extent, in metres.
    private const double MinLon = -9, MaxLon = 2.5, MinLat = 49, MaxLat = 61;
    private const double MaxEasting = 700_000, MaxNorthing = 1_300_000;

    private static readonly GeometryFactory Factory = new();

    private static string Q(string id) => AssessmentStore.Quote(id);

    /// <summary>
    /// Moves this load's features that break a geometry rule from the canonical table into <c>__dups</c> (which the
    /// quarantine reads) and returns how many. A kind without a GeoJSON field is left alone.
    /// </summary>
    public static long Quarantine(AssessmentStore store, DatasetSchema schema, long loadId, IReadOnlyDictionary<FieldSchema, string> map)
    {
        if (schema.StoredFields.FirstOrDefault(f => f.Type == FieldType.GeoJson) is not { } geometry || !map.ContainsKey(geometry)) return 0;
        var table = Q(schema.Table);
        var crs = schema.Field("crs") is { IsStored: true } c ? $"CAST({Q(c.Name)} AS VARCHAR)" : "NULL";
        var record = $"CAST(json_object({string.Join(", ", map.Keys.Where(f => f.IsStored).Select(f => $"{AssessmentStore.Literal(map[f])}, {Q(f.Name)}"))}) AS VARCHAR)";
        var rows = store.Query(
            $"SELECT source_row, CAST({Q(geometry.Name)} AS VARCHAR), {crs}, {record} FROM {table} WHERE load_id = {loadId} AND {Q(geometry.Name)} IS NOT NULL ORDER BY source_row",
            r => (Row: r.GetInt64(0), Json: r.GetString(1), Crs: r.IsDBNull(2) ? null : r.GetString(2), Record: r.GetString(3)));
        var bad = rows.Select(r => (r.Row, r.Json, r.Record, Why: Problem(r.Json, r.Crs))).Where(r => r.Why is not null).ToList();
        if (bad.Count == 0) return 0;
        store.Execute("CREATE TABLE __geometry_issues (__row BIGINT, raw VARCHAR, msg VARCHAR, raw_record VARCHAR)");
        using (var appender = store.Connection.CreateAppender("__geometry_issues"))
            foreach (var b in bad)
                appender.CreateRow().AppendValue(b.Row).AppendValue(b.Json.Length > 120 ? b.Json[..120] + "..." : b.Json).AppendValue(b.Why).AppendValue(b.Record).EndRow();
        store.Execute($"""
            INSERT INTO __dups SELECT __row, {AssessmentStore.Literal(map[geometry])}, raw, {AssessmentStore.Literal(Rule)}, msg, raw_record FROM __geometry_issues;
            DELETE FROM {table} WHERE load_id = {loadId} AND source_row IN (SELECT __row FROM __geometry_issues);
            DROP TABLE __geometry_issues;
            """);
        return bad.Count;
    }

    private enum Crs { LonLat, Grid, Unknown }

    private static Crs KindOf(string? crs) =>
        string.IsNullOrWhiteSpace(crs) || crs.Contains("CRS84", StringComparison.OrdinalIgnoreCase) || crs.Contains("4326", StringComparison.Ordinal) ? Crs.LonLat
        : crs.Contains("27700", StringComparison.Ordinal) ? Crs.Grid
        : Crs.Unknown;

    private static string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"({x:G10}, {y:G10})");

    /// <summary>Why the feature's geometry can't be used, or null when it can.</summary>
    /// <param name="geoJson">The feature's geometry as GeoJSON text.</param>
    /// <param name="crs">The collection's declared CRS name (null: GeoJSON's default, CRS84).</param>
    internal static string? Problem(string geoJson, string? crs)
    {
        var kind = KindOf(crs);
        if (kind == Crs.Unknown)
            return $"the collection's CRS '{crs}' is not one the tool can place on a map: publish the boundaries in CRS84 / EPSG:4326 (longitude, latitude) or EPSG:27700 (British National Grid)";
        List<List<Coordinate[]>> polygons;
        try
        {
            using var doc = JsonDocument.Parse(geoJson);
            var root = doc.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is not ("Polygon" or "MultiPolygon"))
                return $"the geometry is {(type is null ? "not a GeoJSON geometry object" : $"a {type}")}; an area boundary must be a Polygon or MultiPolygon";
            if (!root.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
                return "the geometry has no coordinates array";
            polygons = type == "Polygon" ? [Rings(coordinates)] : [.. coordinates.EnumerateArray().Select(Rings)];
        }
        catch (JsonException ex) { return $"the geometry is not valid GeoJSON ({ex.Message})"; }
        catch (FormatException ex) { return ex.Message; }
        if (polygons.Count == 0 || polygons.All(p => p.Count == 0)) return "the geometry has no coordinates";

        for (var p = 0; p < polygons.Count; p++)
            for (var r = 0; r < polygons[p].Count; r++)
            {
                var ring = polygons[p][r];
                var where = polygons.Count > 1 ? $"ring {r + 1} of polygon {p + 1}" : $"ring {r + 1}";
                if (ring.Length < 4)
                    return $"{where} has {ring.Length} position(s); a closed ring needs at least 4 (the last repeating the first)";
                if (!ring[0].Equals2D(ring[^1]))
                    return $"{where} is not closed: it starts at {P(ring[0].X, ring[0].Y)} and ends at {P(ring[^1].X, ring[^1].Y)}; the last position must repeat the first";
            }

        var all = polygons.SelectMany(p => p).SelectMany(r => r).ToList();
        var inDegrees = all.All(c => Math.Abs(c.X) <= 180 && Math.Abs(c.Y) <= 90);
        var inGrid = all.All(c => c.X is >= 0 and <= MaxEasting && c.Y is >= 0 and <= MaxNorthing);
        if (kind == Crs.LonLat)
        {
            if (!inDegrees && inGrid)
                return $"the collection declares '{crs ?? "CRS84"}' (longitude, latitude in degrees) but the coordinates, e.g. {P(all[0].X, all[0].Y)}, are British National Grid metres: set the collection's crs to EPSG:27700, or reproject the file to CRS84";
            if (all.FirstOrDefault(c => c.X is < MinLon or > MaxLon || c.Y is < MinLat or > MaxLat) is { } off)
                return $"position {P(off.X, off.Y)} is outside Great Britain and Northern Ireland (longitude {MinLon} to {MaxLon}, latitude {MinLat} to {MaxLat}) for the declared CRS '{crs ?? "CRS84"}'" +
                       (Math.Abs(off.X) > 40 && Math.Abs(off.Y) <= 40 ? ": longitude and latitude look swapped (GeoJSON order is longitude, latitude)" : "");
        }
        else
        {
            if (inDegrees)
                return $"the collection declares '{crs}' (British National Grid metres) but the coordinates, e.g. {P(all[0].X, all[0].Y)}, are longitude and latitude in degrees: set the collection's crs to CRS84 (urn:ogc:def:crs:OGC:1.3:CRS84), or reproject the file to EPSG:27700";
            if (all.FirstOrDefault(c => c.X is < 0 or > MaxEasting || c.Y is < 0 or > MaxNorthing) is { } off)
                return $"position {P(off.X, off.Y)} is outside the British National Grid (eastings 0 to {MaxEasting:N0}, northings 0 to {MaxNorthing:N0}) for the declared CRS '{crs}'";
        }

        var shapes = polygons.Where(p => p.Count > 0)
            .Select(p => Factory.CreatePolygon(Factory.CreateLinearRing(p[0]), [.. p.Skip(1).Select(Factory.CreateLinearRing)])).ToArray();
        Geometry geometry = shapes.Length == 1 ? shapes[0] : Factory.CreateMultiPolygon(shapes);
        var validity = new IsValidOp(geometry);
        if (!validity.IsValid && validity.ValidationError is { } error)
            return $"the polygon is not valid: {error.Message} at {P(error.Coordinate.X, error.Coordinate.Y)}; repair it in a GIS (e.g. QGIS 'Fix geometries') and load the file again";
        return null;
    }

    /// <summary>A polygon's rings (arrays of [x, y, ...] positions) as coordinates; a position that isn't two finite numbers is a <see cref="FormatException"/>.</summary>
    private static List<Coordinate[]> Rings(JsonElement polygon)
    {
        if (polygon.ValueKind != JsonValueKind.Array) throw new FormatException("a polygon's coordinates are not an array of rings");
        return polygon.EnumerateArray().Select(ring =>
        {
            if (ring.ValueKind != JsonValueKind.Array) throw new FormatException("a ring is not an array of positions");
            return ring.EnumerateArray().Select(pos =>
            {
                if (pos.ValueKind != JsonValueKind.Array || pos.GetArrayLength() < 2 ||
                    pos[0].ValueKind != JsonValueKind.Number || pos[1].ValueKind != JsonValueKind.Number || !pos[0].TryGetDouble(out var x) || !pos[1].TryGetDouble(out var y) || !double.IsFinite(x) || !double.IsFinite(y))
                    throw new FormatException($"position {pos.GetRawText()} is not two finite numbers (x, y)");
                return new Coordinate(x, y);
            }).ToArray();
        }).ToList();
    }
}
