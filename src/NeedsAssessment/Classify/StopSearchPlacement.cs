using NeedsAssessment.Geography;
using NeedsAssessment.Store;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace NeedsAssessment.Classify;

/// <summary>How many stop and search records were placed in an LSOA, and how; the rest are counted by reason.</summary>
/// <param name="Records">Rows of <c>police_stop_search</c>.</param>
/// <param name="ByBoundary">Placed inside a loaded LSOA boundary.</param>
/// <param name="ByCentroid">Placed at the nearest loaded population-weighted centroid (an LSOA without a loaded boundary).</param>
/// <param name="NoLocation">No coordinates published.</param>
/// <param name="NotPlaced">Coordinates, but in no loaded boundary and farther than <see cref="StopSearchPlacement.MaxCentroidMetres"/> from every centroid.</param>
/// <param name="DistinctPoints">Distinct published points, each placed once.</param>
public sealed record StopSearchPlacementResult(long Records, long ByBoundary, long ByCentroid, long NoLocation, long NotPlaced, long DistinctPoints);

/// <summary>
/// Places police.uk stop and search records (which carry anonymised coordinates but no LSOA) in an LSOA 2021, once per
/// distinct published point, into <c>sv_stop_search</c>; and the one place that says which searches are for weapons
/// and which found what was searched for.
/// </summary>
/// <remarks>
/// <para>The rule, in order: a point inside (or on the edge of) a loaded LSOA boundary is in that LSOA (on a shared edge,
/// the lowest code); else the nearest loaded population-weighted centroid of an LSOA that has no loaded boundary, if it
/// is within <see cref="MaxCentroidMetres"/>; else the record is not placed and is counted with that reason. Where a
/// boundary is loaded it decides, so a point just outside the loaded boundaries is never pulled into a border LSOA by
/// its centroid. Records without coordinates are counted as "no location". No record is dropped: every row of
/// <c>police_stop_search</c> has one row in <c>sv_stop_search</c> with <c>placed_by</c>.</para>
/// <para>police.uk snaps every search to one of a limited set of points, so a month's file of about 900 searches has
/// about 500 distinct points; each is projected (<see cref="DistinctPointProjection"/>) and placed once, through an
/// STR-tree of the boundaries and a grid of the centroids, and the placement is joined back in DuckDB.</para>
/// </remarks>
public static class StopSearchPlacement
{
    /// <summary>The result table: one row per stop and search record with its month, LSOA and the weapons flags.</summary>
    public const string Table = "sv_stop_search";

    /// <summary>
    /// Farthest a point may be from the nearest loaded centroid and still be placed by it (metres). Most LSOAs are far
    /// smaller (urban centroids lie a few hundred metres apart), but rural LSOAs span several kilometres, and a point
    /// farther than this from every loaded centroid lies outside the loaded geography.
    /// </summary>
    public const double MaxCentroidMetres = 5_000;

    /// <summary>
    /// police.uk "Object of search" values that are weapons: offensive weapons, firearms, and "Anything to threaten or
    /// harm anyone" (recorded for searches under section 60 of the Criminal Justice and Public Order Act 1994 and for
    /// other weapon searches; data.police.uk's list of objects of search).
    /// </summary>
    public static IReadOnlyList<string> WeaponObjects { get; } = ["Offensive weapons", "Firearms", "Anything to threaten or harm anyone"];

    /// <summary>Outcomes that say nothing was found, for files whose "Outcome linked to object of search" is blank.</summary>
    public static IReadOnlyList<string> NothingFoundOutcomes { get; } = ["A no further action disposal", "Nothing found - no further action"];

    /// <summary>Values of <c>placed_by</c>.</summary>
    public const string Boundary = "boundary", Centroid = "nearest centroid", NoLocation = "no location", NotPlaced = "not placed";

    private const string PointsTable = "sv_ss_points";
    private const string PlacedTable = "sv_ss_placed";

    /// <summary>Builds <see cref="Table"/> from <c>police_stop_search</c> (empty when none is loaded); runs inside the caller's transaction.</summary>
    public static StopSearchPlacementResult Run(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var hasSearches = store.TableExists("police_stop_search");
        var distinct = hasSearches
            ? DistinctPointProjection.Stage(store.Connection, "SELECT longitude, latitude FROM police_stop_search", PointsTable)
            : 0;
        var points = distinct == 0
            ? []
            : store.Query($"SELECT longitude, latitude, x, y FROM {PointsTable}", r => (Lon: r.GetDouble(0), Lat: r.GetDouble(1), X: r.GetDouble(2), Y: r.GetDouble(3)));
        var placed = Place(store, points.Select(p => (p.X, p.Y)).ToList());
        store.Execute($"CREATE OR REPLACE TABLE {PlacedTable} (longitude DOUBLE, latitude DOUBLE, lsoa21_code VARCHAR, placed_by VARCHAR, centroid_distance_m DOUBLE)");
        // The appender keeps the doubles bit for bit, so the join back on the published coordinates is exact.
        using (var appender = store.Connection.CreateAppender(PlacedTable))
            for (var i = 0; i < points.Count; i++)
            {
                var row = appender.CreateRow().AppendValue(points[i].Lon).AppendValue(points[i].Lat).AppendValue(placed[i].Code).AppendValue(placed[i].By);
                (placed[i].Distance is { } d ? row.AppendValue(d) : row.AppendNullValue()).EndRow();
            }

        var weapons = string.Join(", ", WeaponObjects.Select(AssessmentStore.Literal));
        var nothing = string.Join(", ", NothingFoundOutcomes.Select(AssessmentStore.Literal));
        var source = hasSearches
            ? "police_stop_search"
            : "(SELECT NULL::BIGINT AS load_id, NULL::BIGINT AS source_row, NULL::TIMESTAMP AS date, NULL::VARCHAR AS object_of_search, NULL::VARCHAR AS outcome, NULL::BOOLEAN AS outcome_linked_to_object, NULL::DOUBLE AS longitude, NULL::DOUBLE AS latitude WHERE false)";
        // police.uk publishes UTC instants (an offset of +00:00); its monthly files are months of UK local time.
        store.Execute($"""
            CREATE OR REPLACE TABLE {Table} AS
            SELECT s.load_id, s.source_row,
                CAST(date_trunc('month', timezone('Europe/London', timezone('UTC', s.date))) AS DATE) AS month,
                nullif(trim(s.object_of_search), '') AS object_of_search,
                coalesce(trim(s.object_of_search) IN ({weapons}), false) AS weapons,
                CASE WHEN s.outcome_linked_to_object IS NOT NULL THEN s.outcome_linked_to_object
                     WHEN trim(s.outcome) IN ({nothing}) THEN false END AS found,
                p.lsoa21_code,
                CASE WHEN s.longitude IS NULL OR s.latitude IS NULL THEN '{NoLocation}' ELSE coalesce(p.placed_by, '{NotPlaced}') END AS placed_by,
                p.centroid_distance_m
            FROM {source} s
            LEFT JOIN {PlacedTable} p ON p.longitude = s.longitude AND p.latitude = s.latitude
            ORDER BY s.load_id, s.source_row;
            DROP TABLE IF EXISTS {PlacedTable};
            DROP TABLE IF EXISTS {PointsTable};
            """);
        return Read(store, distinct);
    }

    /// <summary>Counts of <see cref="Table"/> by how its records were placed.</summary>
    public static StopSearchPlacementResult Read(AssessmentStore store, long distinctPoints = 0)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.TableExists(Table)) return new StopSearchPlacementResult(0, 0, 0, 0, 0, distinctPoints);
        return store.Query($"""
            SELECT count(*), count(*) FILTER (WHERE placed_by = '{Boundary}'), count(*) FILTER (WHERE placed_by = '{Centroid}'),
                count(*) FILTER (WHERE placed_by = '{NoLocation}'), count(*) FILTER (WHERE placed_by = '{NotPlaced}')
            FROM {Table}
            """, r => new StopSearchPlacementResult(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), distinctPoints))[0];
    }

    /// <summary>The LSOA of each point (BNG metres) under the rule above.</summary>
    internal static List<(string? Code, string By, double? Distance)> Place(AssessmentStore store, IReadOnlyList<(double X, double Y)> points)
    {
        var result = new List<(string?, string, double?)>(points.Count);
        if (points.Count == 0) return result;
        var boundaries = store.TableExists("boundaries")
            ? BoundaryShapes.Read(store.Query($"""
                SELECT upper(trim(lsoa21_code)), coalesce(crs, ''), CAST(geometry AS VARCHAR)
                FROM {ReferenceLoads.LatestRow("boundaries", where: "geometry IS NOT NULL")} ORDER BY 1
                """, r => (r.GetString(0), r.GetString(1), r.GetString(2))), out _)
            : [];
        var tree = new STRtree<(string Code, IPointOnGeometryLocator Locator)>();
        foreach (var b in boundaries)
            tree.Insert(b.Shape.EnvelopeInternal, (b.Code, new IndexedPointInAreaLocator(b.Shape)));
        if (boundaries.Count > 0) tree.Build();
        var withBoundary = boundaries.Select(b => b.Code).ToHashSet(StringComparer.Ordinal);
        var centroids = store.TableExists("centroids")
            ? store.Query($"""
                SELECT upper(trim(lsoa21_code)), x, y FROM {ReferenceLoads.LatestRow("centroids", where: "x IS NOT NULL AND y IS NOT NULL")} ORDER BY 1
                """, r => (Code: r.GetString(0), X: r.GetDouble(1), Y: r.GetDouble(2))).Where(c => !withBoundary.Contains(c.Code)).ToList()
            : [];
        // Centroids in square cells of the largest distance allowed: the nearest one within it is in the 3 x 3 cells around.
        var grid = centroids.GroupBy(c => Cell(c.X, c.Y)).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (x, y) in points)
        {
            var at = new Coordinate(x, y);
            string? inside = null;
            if (boundaries.Count > 0)
                foreach (var (code, locator) in tree.Query(new Envelope(at)))
                    if (locator.Locate(at) != Location.Exterior && (inside is null || string.CompareOrdinal(code, inside) < 0))
                        inside = code;
            if (inside is not null) { result.Add((inside, Boundary, null)); continue; }

            var (cx, cy) = Cell(x, y);
            string? nearest = null;
            var best = double.PositiveInfinity;
            for (var dx = -1; dx <= 1; dx++)
                for (var dy = -1; dy <= 1; dy++)
                    if (grid.TryGetValue((cx + dx, cy + dy), out var list))
                        foreach (var c in list)
                        {
                            var d = Math.Sqrt(((c.X - x) * (c.X - x)) + ((c.Y - y) * (c.Y - y)));
                            if (d < best || (d == best && string.CompareOrdinal(c.Code, nearest) < 0)) (best, nearest) = (d, c.Code);
                        }
            result.Add(nearest is not null && best <= MaxCentroidMetres ? (nearest, Centroid, best) : (null, NotPlaced, null));
        }
        return result;
    }

    private static (long, long) Cell(double x, double y) => ((long)Math.Floor(x / MaxCentroidMetres), (long)Math.Floor(y / MaxCentroidMetres));
}
