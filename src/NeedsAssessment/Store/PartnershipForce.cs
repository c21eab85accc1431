using System.Globalization;

namespace NeedsAssessment.Store;

/// <summary>The police force area the partnership is in, and where that was read.</summary>
/// <param name="Name">Force name as the Home Office tables write it ("North Yorkshire", without " Police").</param>
/// <param name="Source">Which file said so, for notes and messages.</param>
/// <param name="Districts">
/// Local authority district codes of the whole force area (for its residents); empty when no loaded file says which
/// authorities the force covers.
/// </param>
public sealed record ForceArea(string Name, string Source, IReadOnlyList<string> Districts);

/// <summary>
/// The one rule for which police force area the partnership is in (the Home Office indicators compare that force with
/// England and Wales): the ONS CSP lookup's police force area for the area's local authorities when it is loaded with
/// its PFA columns; else the force that police.uk records inside the area "fall within" most often; else the force of
/// most police.uk records loaded. The force area's local authorities come from the CSP lookup, else they are the
/// authorities in which at least half the LSOAs hold a police.uk record falling within the force (a street file holds
/// a few records just over the force's border, which must not bring a neighbour's authority in).
/// </summary>
public static class PartnershipForce
{
    /// <summary>police.uk's "Falls within" as the Home Office tables name the force.</summary>
    public const string ForceNameSql = "trim(regexp_replace(falls_within, ' (Police|Constabulary|Police Service)$', ''))";

    /// <summary>Tables the rule may read.</summary>
    public static readonly IReadOnlyList<string> Tables = ["csp_lookup", "police_street", "ward_lookup", AreaHierarchy.Table];

    /// <summary>The partnership's force, or null when no loaded file says.</summary>
    public static ForceArea? Find(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var area = store.TableExists(AreaHierarchy.Table) ? AreaHierarchy.Table : null;
        if (area is not null && Has(store, "csp_lookup", "pfa_name IS NOT NULL"))
        {
            var pfa = store.ScalarOrNull($"""
                SELECT trim(c.pfa_name) FROM {ReferenceLoads.LatestRow("csp_lookup", "lad_code")} c
                JOIN {area} a ON upper(trim(c.lad_code)) = a.district_code
                WHERE c.pfa_name IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
                """) as string;
            if (pfa is not null)
            {
                var lads = store.Query($"""
                    SELECT DISTINCT upper(trim(lad_code)) FROM {ReferenceLoads.LatestRow("csp_lookup", "lad_code")}
                    WHERE trim(pfa_name) = {AssessmentStore.Literal(pfa)} ORDER BY 1
                    """, r => r.GetString(0));
                return new ForceArea(pfa, "the CSP lookup's police force area", lads);
            }
        }
        if (!Has(store, "police_street", "falls_within IS NOT NULL")) return null;
        var inside = area is null ? null : store.ScalarOrNull($"""
            SELECT {ForceNameSql} FROM police_street
            WHERE falls_within IS NOT NULL AND upper(trim(lsoa_code)) IN (SELECT lsoa21_code FROM {area})
            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
            """) as string;
        var force = inside ?? (string)store.Scalar($"SELECT {ForceNameSql} FROM police_street WHERE falls_within IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        IReadOnlyList<string> districts = Has(store, "ward_lookup", "lad_code IS NOT NULL")
            ? store.Query($"""
                WITH wl AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(upper(trim(lad_code))) AS lad FROM {ReferenceLoads.LatestRow("ward_lookup")} GROUP BY 1),
                hit AS (SELECT DISTINCT upper(trim(lsoa_code)) AS lsoa21_code FROM police_street WHERE {ForceNameSql} = {AssessmentStore.Literal(force)})
                SELECT wl.lad FROM wl LEFT JOIN hit USING (lsoa21_code)
                GROUP BY wl.lad HAVING count(hit.lsoa21_code) * 2 >= count(*) ORDER BY 1
                """, r => r.GetString(0))
            : [];
        return new ForceArea(force, inside is not null ? "the police.uk records inside the area" : "the police.uk records loaded", districts);
    }

    private static bool Has(AssessmentStore store, string table, string where) =>
        store.TableExists(table) && Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {table} WHERE {where}"), CultureInfo.InvariantCulture) > 0;
}
