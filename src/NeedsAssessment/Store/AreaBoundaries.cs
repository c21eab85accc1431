namespace NeedsAssessment.Store;

/// <summary>One LSOA boundary as GeoJSON text, with the district the geography places it in (for map outlines).</summary>
/// <param name="Code">LSOA 2021 code.</param>
/// <param name="Name">LSOA name (the code when the file has none).</param>
/// <param name="Crs">The file's CRS name, '' when it gave none.</param>
/// <param name="GeoJson">Geometry as GeoJSON.</param>
/// <param name="DistrictCode">District code, null when the geography does not place the LSOA.</param>
/// <param name="DistrictName">District name.</param>
public sealed record AreaBoundary(string Code, string Name, string Crs, string GeoJson, string? DistrictCode, string? DistrictName);

/// <summary>The loaded boundaries for maps: shapes only, no counts.</summary>
public static class AreaBoundaries
{
    /// <summary>Every boundary with a geometry, by LSOA code; empty when none were loaded.</summary>
    public static IReadOnlyList<AreaBoundary> Read(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.TableExists("boundaries")) return [];
        // Only the partnership's LSOAs are drawn: a boundary file may cover the whole country.
        var area = store.TableExists(AreaHierarchy.Table);
        var geography = area
            ? $"(SELECT lsoa21_code, district_code AS dc, district_name AS dn FROM {AreaHierarchy.Table})"
            : "(SELECT NULL::VARCHAR AS lsoa21_code, NULL::VARCHAR AS dc, NULL::VARCHAR AS dn WHERE false)";
        return store.Query($"""
            SELECT b.lsoa21_code, coalesce(b.lsoa21_name, b.lsoa21_code), coalesce(b.crs, ''), CAST(b.geometry AS VARCHAR), g.dc, g.dn
            FROM boundaries b {(area ? "JOIN" : "LEFT JOIN")} {geography} g ON g.lsoa21_code = upper(trim(b.lsoa21_code)) WHERE b.geometry IS NOT NULL ORDER BY 1
            """, r => new AreaBoundary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
    }
}
