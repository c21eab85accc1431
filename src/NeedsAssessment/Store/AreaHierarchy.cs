using System.Globalization;

namespace NeedsAssessment.Store;

/// <summary>
/// The area hierarchy (LSOA -> ward -> district -> hub -> partnership) that indicators aggregate over.
/// </summary>
public static class AreaHierarchy
{
    /// <summary>Load id recorded on hierarchy rows derived here rather than loaded from a partner file.</summary>
    public const long DerivedLoadId = 0;

    /// <summary>
    /// SQL (a parenthesised sub-query) of the hierarchy with one row per LSOA, from the latest load that places it:
    /// the one de-duplication of <c>geography</c> every stage joins to, so an LSOA is never in two wards or districts.
    /// </summary>
    public static string Lsoas { get; } = ReferenceLoads.LatestRow("geography");

    /// <summary>
    /// When no <c>geography</c> file was loaded, derives a hierarchy from the ONS LSOA lookup so indicators can
    /// still be given by district and for the partnership: each LSOA the partnership holds data for (in
    /// population, centroids or boundaries) gets its 2022 local authority as the district and the partnership as
    /// the top level. Wards and hubs stay empty, since the lookup doesn't carry them. Returns the number of LSOAs
    /// placed, or 0 when a hierarchy is already loaded or nothing can be derived.
    /// </summary>
    /// <param name="store">A writable store.</param>
    /// <param name="partnershipName">Name for the partnership level.</param>
    public static long DeriveFromLookupIfMissing(AssessmentStore store, string partnershipName)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (Count(store, "SELECT count(*) FROM geography") > 0) return 0;
        if (Count(store, "SELECT count(*) FROM lsoa_lookup") == 0) return 0;
        var areas = string.Join(" UNION ", new[] { "population", "population_syoa", "centroids", "boundaries" }
            .Select(t => $"SELECT lsoa21_code FROM {t}"));
        // The ONS best-fit lookup omits 2021 LSOAs created by splits; boundary files carry their authority code.
        store.Execute($"""
            INSERT INTO geography (load_id, source_row, lsoa21_code, lsoa21_name, district_code, district_name, partnership_code, partnership_name)
            WITH lsoas AS (SELECT DISTINCT lsoa21_code FROM ({areas})),
                 from_lookup AS (SELECT lsoa21_code, any_value(lsoa21_name) AS name, any_value(lad22_code) AS lad FROM lsoa_lookup WHERE lad22_code IS NOT NULL GROUP BY 1),
                 from_boundaries AS (SELECT lsoa21_code, any_value(lsoa21_name) AS name, any_value(lad_code) AS lad FROM boundaries WHERE lad_code IS NOT NULL GROUP BY 1),
                 lad_names AS (SELECT lad22_code, any_value(lad22_name) AS lad_name FROM lsoa_lookup GROUP BY 1)
            SELECT {DerivedLoadId}, row_number() OVER (ORDER BY s.lsoa21_code), s.lsoa21_code, coalesce(l.name, b.name), coalesce(l.lad, b.lad),
                   coalesce(n.lad_name, coalesce(l.lad, b.lad)), 'P00000001', {AssessmentStore.Literal(partnershipName)}
            FROM lsoas s LEFT JOIN from_lookup l USING (lsoa21_code) LEFT JOIN from_boundaries b USING (lsoa21_code)
                 LEFT JOIN lad_names n ON n.lad22_code = coalesce(l.lad, b.lad)
            WHERE coalesce(l.lad, b.lad) IS NOT NULL
            """);
        return Count(store, $"SELECT count(*) FROM geography WHERE load_id = {DerivedLoadId}");
    }

    private static long Count(AssessmentStore store, string sql) =>
        Convert.ToInt64(store.Scalar(sql), CultureInfo.InvariantCulture);
}
