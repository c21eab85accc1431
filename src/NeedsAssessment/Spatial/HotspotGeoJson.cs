using System.Globalization;
using System.Text;
using System.Text.Json;
using NeedsAssessment.Geography;
using NeedsAssessment.Store;

namespace NeedsAssessment.Spatial;

/// <summary>
/// The hot spot stage's Gi* cells of its main period as GeoJSON for GIS users: each analysed cell a square polygon with
/// its count (null where suppressed, as in <c>hotspots.csv</c>), expected count, value, z, p, FDR-adjusted p, class and
/// trend over the periods (<c>trend</c> rows, "not assessed" where the stage did not classify it). Written twice:
/// <c>hotspots.geojson</c> in WGS84 longitude and latitude (RFC 7946), and <c>hotspots-bng.geojson</c> in British
/// National Grid metres (EPSG:27700, named in the legacy <c>crs</c> member QGIS and ArcGIS read). Rows come from the
/// stage's <c>hotspots</c> table, so the numbers are the CSV's.
/// </summary>
public static class HotspotGeoJson
{
    /// <summary>WGS84 file name.</summary>
    public const string Wgs84File = "hotspots.geojson";

    /// <summary>British National Grid file name.</summary>
    public const string BngFile = "hotspots-bng.geojson";

    private sealed record Cell(string UnitId, double X, double Y, double? Count, double? Expected, double? Value, double? Z, double? P, double? PFdr, string Class, string? Trend);

    /// <summary>Writes both files into <paramref name="folder"/>; nothing when the store has no Gi* rows.</summary>
    /// <param name="store">Store after the hot spot stage.</param>
    /// <param name="folder">The stage's output folder.</param>
    /// <param name="period">The stage's main period (<c>yyyy-MM:yyyy-MM</c>).</param>
    /// <param name="cellSize">Cell size in metres.</param>
    /// <returns>The paths written (empty when there are no Gi* rows).</returns>
    public static IReadOnlyList<string> Write(AssessmentStore store, string folder, string period, double cellSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.TableExists("hotspots") || cellSize <= 0) return [];
        var cells = store.Query($"""
            SELECT g.unit_id, g.x, g.y, g.count, g.expected, g.value, g.z, g.p, g.p_fdr, g.class, t.class
            FROM hotspots g
            LEFT JOIN (SELECT unit_id, any_value(class) AS class FROM hotspots WHERE method = 'trend' GROUP BY unit_id) t USING (unit_id)
            WHERE g.method = 'gistar' AND g.period = {AssessmentStore.Literal(period)}
            ORDER BY g.unit_id
            """, r => new Cell(r.GetString(0), r.GetDouble(1), r.GetDouble(2), N(r, 3), N(r, 4), N(r, 5), N(r, 6), N(r, 7), N(r, 8), r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10)));
        if (cells.Count == 0) return [];
        var hasTrend = store.ScalarOrNull("SELECT count(*) FROM hotspots WHERE method = 'trend'") is long n && n > 0;
        Directory.CreateDirectory(folder);
        var wgs = Path.GetFullPath(Path.Combine(folder, Wgs84File));
        var bng = Path.GetFullPath(Path.Combine(folder, BngFile));
        // The two documents share nothing but the cells read above, so they are built side by side (each is tens of
        // thousands of features: a fifth of the stage's time on the real example), each straight into its file: held
        // whole in memory first, ten megabytes each, their buffers' growth and copies cost more than the writing.
        Parallel.Invoke(
            () => Document(wgs, cells, period, cellSize, hasTrend, wgs84: true),
            () => Document(bng, cells, period, cellSize, hasTrend, wgs84: false));
        return [wgs, bng];
    }

    private static double? N(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    private static void Document(string path, List<Cell> cells, string period, double size, bool hasTrend, bool wgs84)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("name", "hotspots");
            if (!wgs84)
            {
                w.WritePropertyName("crs");
                w.WriteStartObject();
                w.WriteString("type", "name");
                w.WritePropertyName("properties");
                w.WriteStartObject();
                w.WriteString("name", "urn:ogc:def:crs:EPSG::27700");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteString("description", $"Getis-Ord Gi* on the hot spot stage's grid of {size.ToString("0", CultureInfo.InvariantCulture)} m cells, {period}; count is null where suppressed; "
                + "value = count minus expected (the number Gi* used); class at 90/95/99% after Benjamini-Hochberg; trend over the stage's periods. Coordinates: "
                + (wgs84 ? "WGS84 longitude, latitude (converted from British National Grid)." : "British National Grid (EPSG:27700) metres."));
            w.WritePropertyName("features");
            w.WriteStartArray();
            var half = size / 2;
            // Neighbouring cells share corners, so each grid vertex is converted once (a fifth of the conversions).
            var lonLat = new Dictionary<(double X, double Y), (double Lon, double Lat)>();
            foreach (var c in cells)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", c.UnitId);
                w.WritePropertyName("geometry");
                w.WriteStartObject();
                w.WriteString("type", "Polygon");
                w.WritePropertyName("coordinates");
                w.WriteStartArray();
                w.WriteStartArray();
                // Exterior ring anticlockwise (RFC 7946): south-west, south-east, north-east, north-west, closed.
                foreach (var (dx, dy) in new[] { (-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1) })
                {
                    var (x, y) = (c.X + dx * half, c.Y + dy * half);
                    w.WriteStartArray();
                    if (wgs84)
                    {
                        if (!lonLat.TryGetValue((x, y), out var ll)) lonLat[(x, y)] = ll = BritishNationalGrid.ToLonLat(x, y);
                        var (lon, lat) = ll;
                        w.WriteNumberValue(Math.Round(lon, 6));
                        w.WriteNumberValue(Math.Round(lat, 6));
                    }
                    else
                    {
                        w.WriteNumberValue(Math.Round(x, 1));
                        w.WriteNumberValue(Math.Round(y, 1));
                    }
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WritePropertyName("properties");
                w.WriteStartObject();
                w.WriteString("unit_id", c.UnitId);
                w.WriteString("period", period);
                w.WriteNumber("x", c.X);
                w.WriteNumber("y", c.Y);
                w.WriteNumber("cell_size", size);
                Number(w, "count", c.Count);
                w.WriteBoolean("count_suppressed", c.Count is null);
                Number(w, "expected", c.Expected, 3);
                Number(w, "value", c.Value, 3);
                Number(w, "z", c.Z);
                Number(w, "p", c.P);
                Number(w, "p_fdr", c.PFdr);
                w.WriteString("class", c.Class);
                w.WriteString("trend", c.Trend ?? (hasTrend ? "none" : "not assessed"));
                w.WriteEndObject();
                w.WriteEndObject();
                // The writer keeps what it writes until flushed: a feature at a time, it stays a small buffer.
                if (w.BytesPending > 1 << 16) w.Flush();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static void Number(Utf8JsonWriter w, string name, double? v, int? decimals = null)
    {
        if (v is not { } x || !double.IsFinite(x)) { w.WriteNull(name); return; }
        w.WriteNumber(name, decimals is { } d ? Math.Round(x, d) : x);
    }
}
