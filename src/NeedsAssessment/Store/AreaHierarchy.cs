using System.Globalization;

namespace NeedsAssessment.Store;

/// <summary>One LSOA of the partnership's area with its place in the hierarchy (a row of <c>area_lsoas</c>).</summary>
/// <param name="Lsoa21Code">LSOA 2021 code.</param>
/// <param name="Lsoa21Name">LSOA name.</param>
/// <param name="WardCode">Electoral ward code, null when no ward lookup or hierarchy gives it.</param>
/// <param name="WardName">Ward name.</param>
/// <param name="DistrictCode">Local authority district code.</param>
/// <param name="DistrictName">District name (never a bare code).</param>
/// <param name="HubCode">Hub code (a partner hierarchy's hubs, or the 2022 authorities where a 2023 reorganisation merged them).</param>
/// <param name="HubName">Hub name.</param>
/// <param name="PartnershipCode">Partnership code.</param>
/// <param name="PartnershipName">Partnership name.</param>
/// <param name="PlacedBy">Which file placed the LSOA in its district.</param>
/// <param name="DistrictNamedBy">Where the district's name came from.</param>
public sealed record AreaLsoa(
    string Lsoa21Code, string? Lsoa21Name, string? WardCode, string? WardName, string? DistrictCode, string? DistrictName,
    string? HubCode, string? HubName, string PartnershipCode, string PartnershipName, string PlacedBy, string DistrictNamedBy);

/// <summary>
/// The partnership's area and its hierarchy (LSOA -> ward -> district -> hub -> partnership): the one place that says
/// which LSOAs are the partnership's, so every stage works inside the same area. Built once per run into the result
/// table <c>area_lsoas</c> from the declared <see cref="PartnershipArea"/> and the loaded reference files, which may be
/// national as ONS publishes them.
/// </summary>
public static class AreaHierarchy
{
    /// <summary>The result table every stage reads for the area.</summary>
    public const string Table = "area_lsoas";

    /// <summary>Partnership code given when the hierarchy is derived (a partner hierarchy file gives its own).</summary>
    public const string DerivedPartnershipCode = "P00000001";

    /// <summary>
    /// Above this many local authorities, reference files with no declared area are taken for national files rather
    /// than a partnership's (the largest partnership areas, such as a police force area, hold a few dozen).
    /// </summary>
    public const int UndeclaredAuthorityLimit = 40;

    /// <summary>SQL (a parenthesised sub-query) of the area's LSOAs with their hierarchy, one row per LSOA.</summary>
    public static string Lsoas { get; } = $"(SELECT * FROM {Table})";

    /// <summary>SQL condition: the LSOA in <paramref name="column"/> is in the partnership's area.</summary>
    // An empty area means nothing said where the partnership is (no declaration and no reference file): nothing is
    // clipped then, as there is nothing to clip to.
    public static string InArea(string column = "lsoa21_code") =>
        $"({column} IN (SELECT lsoa21_code FROM {Table}) OR NOT EXISTS (SELECT 1 FROM {Table}))";

    /// <summary>
    /// Builds <c>area_lsoas</c> when a store has none (a store loaded with the CLI's <c>ingest</c> and no assessment
    /// file): the area undeclared.
    /// </summary>
    public static void EnsureBuilt(AssessmentStore store, string partnershipName = "Partnership")
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.TableExists(Table) && !store.ReadOnly) Build(store, PartnershipArea.Undeclared, partnershipName);
    }

    /// <summary>
    /// Builds the area. Declared: every LSOA that the ward lookup, the LSOA lookup, the boundary file or the partner's
    /// hierarchy places in one of the declared local authorities. Undeclared: every LSOA of the partner's hierarchy
    /// file, or else of the population, centroid and boundary files. The hierarchy is the partner's file where it
    /// places the LSOA; otherwise wards and districts come from the ward lookup (2023 authorities), then the boundary
    /// file's authority code, then the LSOA lookup (2022 authorities); a district the lookups do not name is named
    /// after its LSOAs (ONS names every LSOA after its authority: "York 001A").
    /// </summary>
    /// <param name="store">A writable store with the reference files loaded.</param>
    /// <param name="area">The declared area.</param>
    /// <param name="partnershipName">Name for the partnership level when the hierarchy is derived.</param>
    /// <param name="boundaryLsoas">
    /// The LSOAs of the declared boundary file (<see cref="PartnershipArea.BoundaryFile"/>), those whose
    /// population-weighted centroid falls inside it, found by the area stage; null when no boundary file is declared.
    /// </param>
    /// <exception cref="UserErrorException">A declared authority or partnership is in no loaded file, the area holds no LSOA, or undeclared reference files look national.</exception>
    public static AreaSummary Build(AssessmentStore store, PartnershipArea area, string partnershipName, IReadOnlyCollection<string>? boundaryLsoas = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(area);
        var codes = area.Declared ? ResolveAuthorities(store, area) : [];
        var list = "CAST([" + string.Join(", ", codes.Select(AssessmentStore.Literal)) + "] AS VARCHAR[])";
        var inBoundary = boundaryLsoas is null ? "false"
            : boundaryLsoas.Count == 0 ? "false"
            : "list_contains(CAST([" + string.Join(", ", boundaryLsoas.Select(c => AssessmentStore.Literal(c.Trim().ToUpperInvariant()))) + "] AS VARCHAR[]), c.lsoa21_code)";
        var declared = area.Declared ? "true" : "false";
        var hasHierarchy = Count(store, "SELECT count(*) FROM geography WHERE lsoa21_code IS NOT NULL") > 0;
        var references = string.Join(" UNION ", new[] { "population", "population_syoa", "population_total", "centroids", "boundaries" }
            .Where(store.TableExists).Select(t => $"SELECT upper(trim(lsoa21_code)) AS lsoa21_code FROM {t} WHERE lsoa21_code IS NOT NULL"));
        store.Execute($"""
            CREATE OR REPLACE TABLE {Table} AS
            WITH
            hier AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, * EXCLUDE (lsoa21_code) FROM {ReferenceLoads.LatestRow("geography")}),
            wl AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(lsoa21_name) AS lsoa21_name, any_value(ward_code) AS ward_code,
                          any_value(ward_name) AS ward_name, any_value(upper(trim(lad_code))) AS lad, any_value(lad_name) AS lad_name
                   FROM {ReferenceLoads.LatestRow("ward_lookup")} GROUP BY 1),
            bd AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(lsoa21_name) AS lsoa21_name, any_value(upper(trim(lad_code))) AS lad
                   FROM boundaries WHERE lsoa21_code IS NOT NULL GROUP BY 1),
            ll AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(lsoa21_name) AS lsoa21_name, any_value(upper(trim(lad22_code))) AS lad,
                          any_value(lad22_name) AS lad_name
                   FROM lsoa_lookup WHERE lsoa21_code IS NOT NULL AND lad22_code IS NOT NULL GROUP BY 1),
            lad_names AS (
                SELECT code, min(name) AS name FROM (
                    SELECT lad AS code, lad_name AS name FROM wl WHERE lad_name IS NOT NULL
                    UNION ALL SELECT lad, lad_name FROM ll WHERE lad_name IS NOT NULL
                    UNION ALL SELECT upper(trim(district_code)), district_name FROM hier WHERE district_code IS NOT NULL AND district_name IS NOT NULL)
                GROUP BY code),
            candidates AS (
                SELECT lsoa21_code FROM hier
                UNION SELECT lsoa21_code FROM wl UNION SELECT lsoa21_code FROM bd UNION SELECT lsoa21_code FROM ll
                {(references.Length == 0 ? "" : "UNION " + references)}),
            placed AS (
                SELECT c.lsoa21_code,
                    h.lsoa21_code IS NOT NULL AS in_hier,
                    coalesce(h.lsoa21_name, wl.lsoa21_name, bd.lsoa21_name, ll.lsoa21_name) AS lsoa21_name,
                    CASE WHEN h.lsoa21_code IS NOT NULL THEN h.ward_code ELSE wl.ward_code END AS ward_code,
                    CASE WHEN h.lsoa21_code IS NOT NULL THEN h.ward_name ELSE wl.ward_name END AS ward_name,
                    coalesce(upper(trim(h.district_code)), wl.lad, bd.lad, ll.lad) AS district_code,
                    h.district_name AS hier_district_name,
                    CASE WHEN h.district_code IS NOT NULL THEN 'area hierarchy file' WHEN wl.lad IS NOT NULL THEN 'ward lookup'
                         WHEN bd.lad IS NOT NULL THEN 'boundary file' WHEN ll.lad IS NOT NULL THEN 'LSOA 2011-2021 lookup' ELSE 'not placed' END AS placed_by,
                    h.hub_code, h.hub_name, h.partnership_code, h.partnership_name,
                    ll.lad AS lad22, ll.lad_name AS lad22_name,
                    ({declared} AND (list_has_any([wl.lad, bd.lad, ll.lad, upper(trim(h.district_code))], {list}) OR {inBoundary}))
                        OR (NOT {declared} AND ({(hasHierarchy ? "h.lsoa21_code IS NOT NULL" : references.Length == 0 ? "false" : $"c.lsoa21_code IN (SELECT lsoa21_code FROM ({references}))")})) AS inside
                FROM candidates c LEFT JOIN hier h USING (lsoa21_code) LEFT JOIN wl USING (lsoa21_code) LEFT JOIN bd USING (lsoa21_code)
                     LEFT JOIN ll USING (lsoa21_code)),
            area AS (SELECT * FROM placed WHERE inside),
            prefix AS (
                -- ONS names each LSOA after its authority and a number ("North Yorkshire 001A"): a name for an authority
                -- the loaded lookups do not list.
                -- LSOA names date from 2021, so an authority merged since (North Yorkshire, 2023) holds several
                -- names; it is then named after all of them rather than after its largest former district.
                SELECT district_code,
                    CASE WHEN len(names) = 1 THEN names[1]
                         ELSE array_to_string(names[1:len(names) - 1], ', ') || ' and ' || names[len(names)] END AS name,
                    len(names) > 1 AS merged
                FROM (SELECT district_code, list_sort(list(DISTINCT regexp_replace(lsoa21_name, '\s+[0-9][0-9][0-9][A-Z]$', ''))) AS names
                      FROM area WHERE regexp_matches(lsoa21_name, '\s[0-9][0-9][0-9][A-Z]$') GROUP BY 1)),
            reorganised AS (SELECT bool_or(lad22 IS DISTINCT FROM district_code AND lad22 IS NOT NULL) AS yes FROM area WHERE NOT in_hier)
            SELECT a.lsoa21_code, a.lsoa21_name, a.ward_code, a.ward_name, a.district_code,
                CASE WHEN a.district_code IS NOT NULL THEN coalesce(a.hier_district_name, n.name, p.name, a.district_code) END AS district_name,
                CASE WHEN a.in_hier THEN a.hub_code WHEN (SELECT yes FROM reorganised) THEN a.lad22 END AS hub_code,
                CASE WHEN a.in_hier THEN a.hub_name WHEN (SELECT yes FROM reorganised) THEN coalesce(a.lad22_name, a.lad22) END AS hub_name,
                coalesce(a.partnership_code, {AssessmentStore.Literal(DerivedPartnershipCode)}) AS partnership_code,
                coalesce(a.partnership_name, {AssessmentStore.Literal(partnershipName)}) AS partnership_name,
                a.placed_by,
                CASE WHEN a.hier_district_name IS NOT NULL THEN 'area hierarchy file' WHEN n.name IS NOT NULL THEN 'lookup'
                     WHEN p.name IS NOT NULL AND p.merged THEN 'LSOA names of the merged authorities' WHEN p.name IS NOT NULL THEN 'LSOA names' WHEN a.district_code IS NULL THEN 'no district' ELSE 'code only' END AS district_named_by
            FROM area a LEFT JOIN lad_names n ON n.code = a.district_code LEFT JOIN prefix p ON p.district_code = a.district_code
            ORDER BY a.lsoa21_code
            """);
        PlaceMissingHubs(store);
        var summary = Summarise(store, area, codes);
        if (!area.Declared && !hasHierarchy && summary.Districts.Count > UndeclaredAuthorityLimit)
        {
            store.Execute($"DROP TABLE {Table}");
            throw new UserErrorException(
                $"The reference files cover {summary.Lsoas:N0} LSOAs in {summary.Districts.Count:N0} local authorities, so they look national, and the " +
                "assessment file does not say which are the partnership's. Name the area under partnership:, e.g. 'local_authorities: [E06000014, E06000065]' " +
                "(codes or names of the local authority districts), 'csp: [York]' (community safety partnerships, with the ONS CSP lookup loaded as csp-lookup) " +
                "or 'boundary: area.geojson' (a boundary file), or load the partner's area hierarchy file (geography).");
        }
        if (area.Declared && summary.Lsoas == 0)
            throw new UserErrorException(codes.Count > 0
                ? $"No loaded file places an LSOA in {string.Join(", ", codes)}; load the ONS ward lookup (ward-lookup) or LSOA lookup (lsoa-lookup) for England and Wales."
                : $"partnership.boundary: no LSOA's population-weighted centroid falls inside '{area.BoundaryFile}'; load the ONS centroids (centroids) for England and Wales, and check the file holds the partnership's area.");
        return summary;
    }

    /// <summary>Reads the area; empty when it was never built.</summary>
    public static IReadOnlyList<AreaLsoa> Read(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TableExists(Table) ? ResultTable<AreaLsoa>.Read(store, Table) : [];
    }

    /// <summary>What the area holds, and how its LSOAs were placed.</summary>
    public static AreaSummary Summarise(AssessmentStore store, PartnershipArea area, IReadOnlyList<string> codes)
    {
        var districts = store.Query($"SELECT district_code, any_value(district_name), count(*) FROM {Table} WHERE district_code IS NOT NULL GROUP BY 1 ORDER BY 1",
            r => new AreaDistrict(r.GetString(0), r.GetString(1), r.GetInt64(2)));
        var placed = store.Query($"SELECT placed_by, count(*) FROM {Table} GROUP BY 1 ORDER BY 2 DESC, 1", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(p => p.Item1, p => p.Item2);
        var named = store.Query($"SELECT district_named_by, count(DISTINCT district_code) FROM {Table} GROUP BY 1 ORDER BY 1", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(p => p.Item1, p => p.Item2);
        var wards = Count(store, $"SELECT count(DISTINCT ward_code) FROM {Table}");
        var hubs = Count(store, $"SELECT count(DISTINCT hub_code) FROM {Table}");
        return new AreaSummary(area, codes, Count(store, $"SELECT count(*) FROM {Table}"), districts, wards, hubs, placed, named);
    }

    private static List<string> ResolveAuthorities(AssessmentStore store, PartnershipArea area)
    {
        var codes = new List<string>();
        if (area.LocalAuthorities.Count > 0) codes.AddRange(ResolveLocalAuthorities(store, area));
        if (area.Csps.Count > 0) codes.AddRange(ResolvePartnerships(store, area));
        return [.. codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The local authorities of the declared community safety partnerships, through the loaded CSP lookup
    /// (<c>csp-lookup</c>): most partnerships are one authority, some are merged.
    /// </summary>
    private static List<string> ResolvePartnerships(AssessmentStore store, PartnershipArea area)
    {
        var known = store.Query($"""
            SELECT DISTINCT upper(trim(csp_code)), trim(csp_name), upper(trim(lad_code)) FROM {ReferenceLoads.LatestRow("csp_lookup", "lad_code")}
            WHERE csp_code IS NOT NULL AND lad_code IS NOT NULL
            """, r => (Code: r.GetString(0), Name: r.IsDBNull(1) ? null : r.GetString(1), Lad: r.GetString(2)));
        var codes = new List<string>();
        var errors = new List<string>();
        foreach (var given in area.Csps)
        {
            var g = given.Trim();
            var lads = known.Where(k => string.Equals(k.Code, g, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Name, g, StringComparison.OrdinalIgnoreCase))
                .Select(k => k.Lad).ToList();
            if (lads.Count > 0) { codes.AddRange(lads); continue; }
            if (known.Count == 0)
            {
                errors.Add($"partnership.csp: '{g}' cannot be placed: no CSP lookup is loaded. Load the ONS local authority to community safety partnership lookup (kind csp-lookup, e.g. LAD23_CSP23_PFA23_EW_LU.csv), or name the area by local_authorities.");
                continue;
            }
            var near = known.Where(k => k.Name is not null).Select(k => k.Name!).Distinct(StringComparer.Ordinal)
                .Select(n => (Name: n, D: Levenshtein(g.ToUpperInvariant(), n.ToUpperInvariant())))
                .OrderBy(x => x.D).ThenBy(x => x.Name, StringComparer.Ordinal).FirstOrDefault();
            var hint = near.Name is not null && near.D <= Math.Max(2, g.Length / 3) ? $" (did you mean '{near.Name}'?)" : "";
            errors.Add($"partnership.csp: '{g}' is no community safety partnership code (E22, W22) or name in the loaded CSP lookup{hint}.");
        }
        if (errors.Count > 0) throw new UserErrorException(string.Join(Environment.NewLine, errors));
        return codes;
    }

    private static List<string> ResolveLocalAuthorities(AssessmentStore store, PartnershipArea area)
    {
        var known = store.Query("""
            SELECT DISTINCT code, name FROM (
                SELECT upper(trim(lad_code)) AS code, lad_name AS name FROM ward_lookup WHERE lad_code IS NOT NULL
                UNION ALL SELECT upper(trim(lad22_code)), lad22_name FROM lsoa_lookup WHERE lad22_code IS NOT NULL
                UNION ALL SELECT upper(trim(lad_code)), NULL FROM boundaries WHERE lad_code IS NOT NULL
                UNION ALL SELECT upper(trim(district_code)), district_name FROM geography WHERE district_code IS NOT NULL)
            """, r => (Code: r.GetString(0), Name: r.IsDBNull(1) ? null : r.GetString(1)));
        var codes = new List<string>();
        var unknown = new List<string>();
        foreach (var given in area.LocalAuthorities)
        {
            var g = given.Trim();
            var match = known.Where(k => string.Equals(k.Code, g, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Name, g, StringComparison.OrdinalIgnoreCase))
                .Select(k => k.Code).Distinct(StringComparer.Ordinal).ToList();
            if (match.Count == 0) unknown.Add(g);
            codes.AddRange(match);
        }
        if (unknown.Count > 0)
        {
            string Hint(string u)
            {
                var near = known.Where(k => k.Name is not null)
                    .Select(k => (k.Name!, D: Levenshtein(u.ToUpperInvariant(), k.Name!.ToUpperInvariant())))
                    .OrderBy(x => x.D).ThenBy(x => x.Item1, StringComparer.Ordinal).FirstOrDefault();
                return near.Item1 is not null && near.D <= Math.Max(2, u.Length / 3) ? $" (did you mean '{near.Item1}'?)" : "";
            }
            var where = known.Count == 0
                ? "no ward lookup, LSOA lookup, boundary or area hierarchy file is loaded"
                : "it is no authority code or name in the loaded ward lookup, LSOA lookup, boundaries or area hierarchy";
            throw new UserErrorException(string.Join(Environment.NewLine, unknown.Select(u =>
                $"partnership.local_authorities: '{u}' cannot be placed: {where}{Hint(u)}. Use local authority district codes (E06, E07, E08, E09, W06) or their names, and load the ONS ward lookup (ward-lookup) for England and Wales.")));
        }
        return codes;
    }

    // An LSOA created in 2021 is missing from the 2011-2021 lookup, so it has no 2022 authority to be a hub: it joins
    // the hub of the nearest LSOA of its district by population-weighted centroid.
    private static void PlaceMissingHubs(AssessmentStore store)
    {
        if (Count(store, $"SELECT count(*) FROM {Table} WHERE hub_code IS NULL AND placed_by <> 'area hierarchy file'") == 0) return;
        if (Count(store, $"SELECT count(*) FROM {Table} WHERE hub_code IS NOT NULL AND placed_by <> 'area hierarchy file'") == 0) return;
        store.Execute($"""
            UPDATE {Table} SET hub_code = n.hub_code, hub_name = n.hub_name, placed_by = {Table}.placed_by || '; hub of the nearest LSOA'
            FROM (
                WITH c AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, min(x) AS x, min(y) AS y FROM centroids WHERE x IS NOT NULL AND y IS NOT NULL GROUP BY 1),
                     a AS (SELECT t.lsoa21_code, t.district_code, t.hub_code, t.hub_name, c.x, c.y FROM {Table} t JOIN c USING (lsoa21_code))
                SELECT m.lsoa21_code, arg_min(h.hub_code, (h.x - m.x) * (h.x - m.x) + (h.y - m.y) * (h.y - m.y)) AS hub_code,
                       arg_min(h.hub_name, (h.x - m.x) * (h.x - m.x) + (h.y - m.y) * (h.y - m.y)) AS hub_name
                FROM a m JOIN a h ON h.district_code = m.district_code AND h.hub_code IS NOT NULL
                WHERE m.hub_code IS NULL GROUP BY m.lsoa21_code) n
            WHERE {Table}.lsoa21_code = n.lsoa21_code AND {Table}.placed_by <> 'area hierarchy file'
            """);
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) d[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int prev = d[0];
            d[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int t = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), prev + (a[i - 1] == b[j - 1] ? 0 : 1));
                prev = t;
            }
        }
        return d[b.Length];
    }

    private static long Count(AssessmentStore store, string sql) =>
        Convert.ToInt64(store.Scalar(sql), CultureInfo.InvariantCulture);
}

/// <summary>One district of the area.</summary>
/// <param name="Code">District code.</param>
/// <param name="Name">District name.</param>
/// <param name="Lsoas">LSOAs of the area in it.</param>
public sealed record AreaDistrict(string Code, string Name, long Lsoas);

/// <summary>What <see cref="AreaHierarchy.Build"/> made of the declared area.</summary>
/// <param name="Area">The declaration.</param>
/// <param name="Authorities">Declared authorities resolved to codes (empty when undeclared).</param>
/// <param name="Lsoas">LSOAs in the area.</param>
/// <param name="Districts">Its districts.</param>
/// <param name="Wards">Distinct wards (0 when no ward lookup or hierarchy gives them).</param>
/// <param name="Hubs">Distinct hubs.</param>
/// <param name="PlacedBy">LSOAs by the file that placed them.</param>
/// <param name="DistrictsNamedBy">Districts by where their name came from.</param>
public sealed record AreaSummary(
    PartnershipArea Area, IReadOnlyList<string> Authorities, long Lsoas, IReadOnlyList<AreaDistrict> Districts, long Wards, long Hubs,
    IReadOnlyDictionary<string, long> PlacedBy, IReadOnlyDictionary<string, long> DistrictsNamedBy)
{
    /// <summary>One sentence for the run's progress and the stage summary.</summary>
    public override string ToString()
    {
        var byFile = PlacedBy.GroupBy(p => p.Key.Split(';')[0], StringComparer.Ordinal)
            .Select(g => (File: g.Key, Lsoas: g.Sum(p => p.Value))).OrderByDescending(g => g.Lsoas).ThenBy(g => g.File, StringComparer.Ordinal);
        var placed = string.Join(", ", byFile.Select(p => p.File == "not placed" ? $"{p.Lsoas:N0} in no district" : $"{p.Lsoas:N0} by the {p.File}"));
        var nearest = PlacedBy.Where(p => p.Key.Contains("hub of the nearest", StringComparison.Ordinal)).Sum(p => p.Value);
        if (nearest > 0) placed += $" ({nearest:N0} missing from the 2011-2021 lookup take their nearest LSOA's hub)";
        var names = string.Join(", ", Districts.Select(d => d.Name));
        return $"{Lsoas:N0} LSOAs in {Districts.Count:N0} district(s) ({names}){(Wards > 0 ? $", {Wards:N0} wards" : "")}{(Hubs > 0 ? $", {Hubs:N0} hubs" : "")}; placed {placed}" +
            (Area.Declared ? "." : "; the area is not declared (partnership.local_authorities, csp or boundary), so it is every LSOA of the " + (PlacedBy.ContainsKey("area hierarchy file") ? "area hierarchy file." : "reference files."));
    }
}
