using NeedsAssessment.Geography;
using NeedsAssessment.Store;
using NetTopologySuite.Geometries;

namespace NeedsAssessment.Pipeline;

/// <summary>
/// Builds <c>area_shapes</c> for the area stage: each boundary of the area read, projected and made valid once, the
/// district outlines the report's maps draw and the area outline the hot spot grid is clipped to, dissolved once, each
/// from the shapes in the order its reader took them, so what they read back is what they built before.
/// </summary>
internal static class AreaShapeTable
{
    /// <summary>Writes the table (empty when no boundaries or no area are loaded).</summary>
    public static void Build(AssessmentStore store)
    {
        if (!store.TableExists("boundaries") || !store.TableExists(AreaHierarchy.Table))
        {
            AreaShapes.Write(store, []);
            return;
        }
        var rows = store.Query($"""
            SELECT code, name, crs, geojson, district_code, district_name, load_id FROM ({AreaShapes.BoundaryRowsSql}) ORDER BY code, load_id
            """, r => (Code: r.GetString(0), Name: r.GetString(1), Crs: r.GetString(2), Json: r.GetString(3),
                DistrictCode: r.IsDBNull(4) ? null : r.GetString(4), DistrictName: r.IsDBNull(5) ? null : r.GetString(5), LoadId: r.GetInt64(6)));
        PhaseTrace.Mark("area: boundaries read");
        var shapes = BoundaryShapes.ReadEach(rows.Select(r => (r.Code, r.Crs, r.Json)));
        PhaseTrace.Mark("area: boundaries parsed, projected and made valid");
        var table = rows.Select((r, i) => new AreaShapeRow(AreaShapes.Lsoa, i + 1, r.Code, r.Name, r.LoadId, r.DistrictCode, r.DistrictName,
            shapes[i] is { } shape ? AreaShapes.Encode(shape) : null)).ToList();
        var readable = Enumerable.Range(0, rows.Count).Where(i => shapes[i] is not null).ToList();
        // As the hot spot grid takes it: every readable boundary of the area, dissolved on another core beside the
        // districts, from copies (a shape caches what it computes, and the two threads must share none).
        var copies = readable.Select(i => shapes[i]!.Copy()).ToList();
        var area = Task.Run(() => copies.Count > 0 ? BoundaryShapes.Dissolve(copies) : null);

        // As the report's maps group them: each LSOA in its first row's district, districts in code order.
        var districtOf = rows.Where(r => r.DistrictCode is not null).GroupBy(r => r.Code)
            .ToDictionary(g => g.Key, g => (g.First().DistrictCode!, g.First().DistrictName ?? g.First().DistrictCode!), StringComparer.Ordinal);
        var districts = readable.Where(i => districtOf.ContainsKey(rows[i].Code))
            .GroupBy(i => districtOf[rows[i].Code])
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal)
            .Select(g => (g.Key, Shape: BoundaryShapes.Dissolve(g.Select(i => shapes[i]!))))
            .Where(d => d.Shape is Polygon or MultiPolygon)
            .ToList();
        PhaseTrace.Mark("area: districts dissolved");
        table.AddRange(districts.Select((d, k) => new AreaShapeRow(AreaShapes.District, k + 1, d.Key.Item1, d.Key.Item2, null, null, null, AreaShapes.Encode(d.Shape))));
        if (area.GetAwaiter().GetResult() is { } outline)
            table.Add(new AreaShapeRow(AreaShapes.Area, 1, AreaShapes.Area, null, null, null, null, AreaShapes.Encode(outline)));
        PhaseTrace.Mark("area: area dissolved");
        AreaShapes.Write(store, table);
        PhaseTrace.Mark("area: shapes written");
    }
}
