using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Modelling;

/// <summary>One LSOA's counts and indicators over the model window, aggregated in SQL.</summary>
/// <param name="Lsoa21Code">LSOA 2021 code.</param>
/// <param name="DistrictCode">District code.</param>
/// <param name="DistrictName">District name.</param>
/// <param name="X">Centroid easting.</param>
/// <param name="Y">Centroid northing.</param>
/// <param name="Population">Residents (population_syoa total).</param>
/// <param name="YoungShare">Share of residents aged 16-24.</param>
/// <param name="ImdDecile">IMD decile (1 most deprived), averaged over 2011 LSOAs mapping to the area.</param>
/// <param name="Observed">In-definition events in the window.</param>
/// <param name="NteShare">Share of events flagged night_time_economy (0 when none).</param>
/// <param name="PublicShare">Share in a public place.</param>
/// <param name="Under25Share">Share with a victim under 25, among events with a known victim age.</param>
/// <param name="DomesticShare">Share flagged domestic abuse.</param>
/// <param name="WeaponShare">Share weapon-enabled (knife, firearm or other weapon).</param>
/// <param name="Rural">True for a rural LSOA, false for an urban one (ONS Rural-Urban Classification 2021, kind
/// rural-urban); null when no classification is loaded or the LSOA is not in it.</param>
public sealed record AreaData(
    string Lsoa21Code, string DistrictCode, string DistrictName, double X, double Y, double Population, double YoungShare, double ImdDecile,
    double Observed, double NteShare, double PublicShare, double Under25Share, double DomesticShare, double WeaponShare, bool? Rural = null)
{
    /// <summary>10 − IMD decile: the number of decile steps towards the most deprived (0 = least deprived decile).</summary>
    public double DeprivationSteps => 10 - ImdDecile;
}

/// <summary>A district's in-definition events per month.</summary>
/// <param name="DistrictCode">District code.</param>
/// <param name="DistrictName">District name.</param>
/// <param name="Months">First day of each month, consecutive.</param>
/// <param name="Counts">Events per month.</param>
public sealed record DistrictSeries(string DistrictCode, string DistrictName, IReadOnlyList<DateTime> Months, IReadOnlyList<double> Counts);

/// <summary>Reads the model inputs from the store.</summary>
public static class ModelData
{
    /// <summary>The input table of the ONS Rural-Urban Classification (kind rural-urban), read when loaded.</summary>
    public const string RuralUrbanInput = "rural_urban";

    /// <summary>Latest month holding in-definition events of the source.</summary>
    /// <param name="store">The store.</param>
    /// <param name="source">sv_events source.</param>
    public static DateTime LatestMonth(AssessmentStore store, string source)
    {
        ArgumentNullException.ThrowIfNull(store);
        var v = store.ScalarOrNull($"SELECT strftime(max(month), '%Y-%m-%d') FROM sv_events WHERE in_definition AND source = {AssessmentStore.Literal(source)}")
            ?? throw new UserErrorException($"sv_events holds no in-definition '{source}' events. Run 'needs-assessment classify' first.");
        return DateTime.ParseExact((string)v, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Per-LSOA counts and shares over the <paramref name="windowMonths"/> months ending at the latest month, joined to
    /// population, deprivation (through lsoa_lookup, or directly when the codes already are 2021 codes), geography
    /// and centroids. Areas missing population, deprivation, district or centroid are left out; areas with no
    /// events are kept with zero counts. Ordered by LSOA code.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="source">sv_events source.</param>
    /// <param name="windowMonths">Months in the window.</param>
    public static IReadOnlyList<AreaData> Areas(AssessmentStore store, string source, int windowMonths)
    {
        ArgumentNullException.ThrowIfNull(store);
        var last = LatestMonth(store, source);
        var first = last.AddMonths(1 - windowMonths);
        string young = string.Join(" + ", Enumerable.Range(16, 9).SelectMany(a => new[] { $"f{a}", $"m{a}" }));
        // Rural areas have their own level of violence; left out of the model, it would be read as the effect of
        // whatever else differs between town and country (deprivation above all).
        var rural = store.TableExists(RuralUrbanInput)
            ? $"SELECT upper(trim(lsoa21_code)) AS lsoa21_code, bool_or(lower(trim(urban_rural_flag)) = 'rural') AS rural FROM {ReferenceLoads.LatestRow(RuralUrbanInput)} GROUP BY 1"
            : "SELECT CAST(NULL AS VARCHAR) AS lsoa21_code, CAST(NULL AS BOOLEAN) AS rural WHERE false";
        var sql = $"""
            WITH ev AS (
                SELECT lsoa21_code, count(*) AS n,
                    coalesce(avg(CASE WHEN night_time_economy THEN 1.0 ELSE 0.0 END), 0) AS nte,
                    coalesce(avg(CASE WHEN public_place THEN 1.0 ELSE 0.0 END), 0) AS pub,
                    avg(CASE WHEN victim_under25 THEN 1.0 WHEN victim_under25 IS NOT NULL THEN 0.0 END) AS u25,
                    coalesce(avg(CASE WHEN domestic_abuse THEN 1.0 ELSE 0.0 END), 0) AS da,
                    coalesce(avg(CASE WHEN weapon_enabled OR knife OR firearm THEN 1.0 ELSE 0.0 END), 0) AS wpn
                FROM sv_events
                WHERE in_definition AND source = {AssessmentStore.Literal(source)} AND lsoa21_code IS NOT NULL
                  AND month BETWEEN DATE '{first:yyyy-MM-dd}' AND DATE '{last:yyyy-MM-dd}'
                GROUP BY 1),
            pop AS (SELECT lsoa21_code, any_value(total) AS total, any_value(({young}) / nullif(total, 0)) AS young FROM {ReferenceLoads.LatestRow("population_syoa")} GROUP BY 1),
            dep AS (
                SELECT coalesce(l.lsoa21_code, d.lsoa11_code) AS lsoa21_code, avg(d.imd_decile) AS decile
                FROM {ReferenceLoads.LatestRow("deprivation", "lsoa11_code")} d LEFT JOIN lsoa_lookup l ON l.lsoa11_code = d.lsoa11_code GROUP BY 1),
            geo AS (SELECT lsoa21_code, any_value(district_code) AS district_code, any_value(district_name) AS district_name FROM {AreaHierarchy.Lsoas} GROUP BY 1),
            cen AS (SELECT lsoa21_code, any_value(x) AS x, any_value(y) AS y FROM {ReferenceLoads.LatestRow("centroids")} GROUP BY 1),
            ru AS ({rural})
            SELECT p.lsoa21_code, g.district_code, g.district_name, c.x, c.y, p.total, coalesce(p.young, 0), d.decile,
                coalesce(ev.n, 0), coalesce(ev.nte, 0), coalesce(ev.pub, 0), coalesce(ev.u25, 0), coalesce(ev.da, 0), coalesce(ev.wpn, 0), ru.rural
            FROM pop p
            JOIN dep d USING (lsoa21_code)
            JOIN geo g USING (lsoa21_code)
            JOIN cen c USING (lsoa21_code)
            LEFT JOIN ev USING (lsoa21_code)
            LEFT JOIN ru USING (lsoa21_code)
            WHERE p.total > 0 AND g.district_code IS NOT NULL AND c.x IS NOT NULL
            ORDER BY p.lsoa21_code
            """;
        var rows = store.Query(sql, r => new AreaData(
            r.GetString(0), r.GetString(1), r.IsDBNull(2) ? r.GetString(1) : r.GetString(2), D(r, 3), D(r, 4), D(r, 5), D(r, 6), D(r, 7),
            D(r, 8), D(r, 9), D(r, 10), D(r, 11), D(r, 12), D(r, 13), r.IsDBNull(14) ? null : r.GetBoolean(14)));
        if (rows.Count < 10)
            throw new UserErrorException($"Only {rows.Count} LSOAs have population, deprivation, geography and centroids; the area models need at least 10. Load those reference files.");
        return rows;
    }

    /// <summary>
    /// Monthly in-definition events per district (events located to an LSOA in geography), with zero-filled months
    /// from the first to the latest month of the source. Ordered by district code.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="source">sv_events source.</param>
    public static IReadOnlyList<DistrictSeries> DistrictMonthly(AssessmentStore store, string source)
    {
        ArgumentNullException.ThrowIfNull(store);
        var lit = AssessmentStore.Literal(source);
        var sql = $"""
            WITH geo AS (SELECT lsoa21_code, any_value(district_code) AS district_code, any_value(district_name) AS district_name FROM {AreaHierarchy.Lsoas} GROUP BY 1),
            span AS (SELECT min(month) AS lo, max(month) AS hi FROM sv_events WHERE in_definition AND source = {lit}),
            months AS (SELECT CAST(m AS DATE) AS month FROM span, range(span.lo, span.hi + INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(m)),
            districts AS (SELECT DISTINCT district_code, district_name FROM geo WHERE district_code IS NOT NULL),
            counts AS (
                SELECT g.district_code, e.month, count(*) AS n
                FROM sv_events e JOIN geo g USING (lsoa21_code)
                WHERE e.in_definition AND e.source = {lit}
                GROUP BY 1, 2)
            SELECT d.district_code, d.district_name, strftime(m.month, '%Y-%m-%d'), coalesce(c.n, 0)
            FROM districts d CROSS JOIN months m
            LEFT JOIN counts c ON c.district_code = d.district_code AND c.month = m.month
            ORDER BY 1, 3
            """;
        var rows = store.Query(sql, r => (Code: r.GetString(0), Name: r.IsDBNull(1) ? r.GetString(0) : r.GetString(1), Month: DateTime.ParseExact(r.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture), N: D(r, 3)));
        return rows.GroupBy(r => r.Code, StringComparer.Ordinal)
            .Select(g => new DistrictSeries(g.Key, g.First().Name, g.Select(r => r.Month).ToArray(), g.Select(r => r.N).ToArray()))
            .ToArray();
    }

    private static double D(System.Data.Common.DbDataReader r, int i) =>
        r.IsDBNull(i) ? double.NaN : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}
