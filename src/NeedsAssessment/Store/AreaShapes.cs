using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace NeedsAssessment.Store;

/// <summary>One row of <c>area_shapes</c> (<c>data-schemas/outputs/area-shapes.schema.json</c>).</summary>
/// <param name="Kind"><see cref="AreaShapes.Lsoa"/>, <see cref="AreaShapes.District"/> or <see cref="AreaShapes.Area"/>.</param>
/// <param name="Seq">Order within the kind.</param>
/// <param name="Code">LSOA code as the boundary file gives it, district code, or the partnership code.</param>
/// <param name="Name">LSOA or district name.</param>
/// <param name="LoadId">The boundaries load of an LSOA row.</param>
/// <param name="DistrictCode">The LSOA's district.</param>
/// <param name="DistrictName">Its name.</param>
/// <param name="Wkb">The shape as hex well-known binary in British National Grid metres; null when unreadable.</param>
public sealed record AreaShapeRow(string Kind, long Seq, string Code, string? Name, long? LoadId, string? DistrictCode, string? DistrictName, string? Wkb)
{
    /// <summary>The shape; null for an LSOA boundary that could not be read.</summary>
    public Geometry? Shape() => Wkb is null ? null : AreaShapes.Decode(Wkb);
}

/// <summary>
/// The area's boundary shapes as the area stage read them once (<c>area_shapes</c>): each LSOA boundary projected and
/// made valid, the district outlines and the area's outline. The hot spot grid, the rural and urban proxy and the
/// report's maps read them here instead of parsing the boundaries' GeoJSON again, while they match the store.
/// </summary>
public static class AreaShapes
{
    /// <summary>The table.</summary>
    public const string Table = "area_shapes";

    /// <summary>Kind of an LSOA boundary's row.</summary>
    public const string Lsoa = "lsoa";

    /// <summary>Kind of a district outline's row.</summary>
    public const string District = "district";

    /// <summary>Kind of the area outline's row.</summary>
    public const string Area = "area";

    /// <summary>
    /// The boundaries rows an <see cref="Lsoa"/> row stands for: those <see cref="AreaBoundaries.Read"/> gives, with their
    /// load and district, and the CRS and GeoJSON the shape is read from.
    /// </summary>
    internal static string BoundaryRowsSql => $"""
        SELECT b.lsoa21_code AS code, coalesce(b.lsoa21_name, b.lsoa21_code) AS name, b.load_id, g.district_code, g.district_name,
            coalesce(b.crs, '') AS crs, CAST(b.geometry AS VARCHAR) AS geojson
        FROM boundaries b JOIN {AreaHierarchy.Table} g ON g.lsoa21_code = upper(trim(b.lsoa21_code)) WHERE b.geometry IS NOT NULL
        """;

    // The factory the boundaries are read with (British National Grid, floating precision), so a shape read back is the one written.
    private static readonly NtsGeometryServices Services = new(new PrecisionModel(), 27700);

    /// <summary>A shape from its hex well-known binary.</summary>
    public static Geometry Decode(string wkb) => new WKBReader(Services).Read(WKBReader.HexToBytes(wkb));

    /// <summary>A shape as hex well-known binary (little-endian, two dimensions): every coordinate as written.</summary>
    public static string Encode(Geometry shape) => WKBWriter.ToHex(new WKBWriter().Write(shape));

    /// <summary>Replaces the table with <paramref name="rows"/>.</summary>
    public static void Write(AssessmentStore store, IEnumerable<AreaShapeRow> rows) => ResultTable<AreaShapeRow>.Write(store, Table, rows);

    /// <summary>
    /// The rows, in kind and order, when they stand for the boundaries and area now in the store (the same boundaries
    /// rows, of the same loads, with the same names and districts); null when the table is missing or out of date (a
    /// load or area since), and the caller then reads the boundaries itself.
    /// </summary>
    public static IReadOnlyList<AreaShapeRow>? ReadCurrent(AssessmentStore store) =>
        IsCurrent(store) ? ResultTable<AreaShapeRow>.Read(store, Table) : null;

    /// <summary>
    /// True when the table stands for the boundaries and area now in the store (the same boundaries rows, of the same
    /// loads, with the same names and districts); false when it is missing or out of date (a load or area since).
    /// </summary>
    public static bool IsCurrent(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.TableExists(Table) || !store.TableExists("boundaries") || !store.TableExists(AreaHierarchy.Table)) return false;
        const string Key = "code, name, load_id, district_code, district_name";
        var mine = $"SELECT {Key} FROM {Table} WHERE kind = '{Lsoa}'";
        var theirs = $"SELECT {Key} FROM ({BoundaryRowsSql})";
        return Convert.ToInt64(store.Scalar($"""
            SELECT (SELECT count(*) FROM (({theirs}) EXCEPT ALL ({mine})))
                 + (SELECT count(*) FROM (({mine}) EXCEPT ALL ({theirs})))
            """), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }
}
