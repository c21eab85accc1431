using System.Globalization;

namespace NeedsAssessment.Store;

/// <summary>A resident-population query and the file it reads.</summary>
/// <param name="Sql">Query with columns <c>lsoa21_code</c> (trimmed, upper case) and <c>residents</c> (DOUBLE), one row per LSOA.</param>
/// <param name="Source">The table and measure, for parameters files and notes.</param>
public sealed record ResidentsSource(string Sql, string Source);

/// <summary>
/// The one rule for which file gives an LSOA's usual residents when only the total is needed (descriptive rates, the
/// hot spot population baseline): the census six-group table, else single-year estimates, else Census 2021 TS001 as
/// Nomis publishes it, each through <see cref="ReferenceLoads"/> so a resent file never counts twice.
/// </summary>
public static class Residents
{
    /// <summary>The residents query of the first population table the store holds rows of; null when none.</summary>
    /// <param name="store">An open store.</param>
    public static ResidentsSource? Find(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (Has(store, "population"))
            return new($"SELECT upper(trim(lsoa21_code)) AS lsoa21_code, sum(usual_residents)::DOUBLE AS residents FROM {ReferenceLoads.Latest("population")} GROUP BY 1",
                "population (usual residents, all age groups)");
        if (Has(store, "population_syoa"))
            return new($"SELECT upper(trim(lsoa21_code)) AS lsoa21_code, sum(total)::DOUBLE AS residents FROM {ReferenceLoads.LatestRow("population_syoa")} GROUP BY 1",
                "population_syoa (total)");
        if (Has(store, "population_total"))
            return new($"SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(usual_residents)::DOUBLE AS residents FROM {ReferenceLoads.LatestRow("population_total")} GROUP BY 1",
                "population_total (Census 2021 TS001 usual residents)");
        return null;
    }

    /// <summary>
    /// England and Wales holds 35,672 LSOAs (2021); a residents file with at least this many is taken for the national
    /// file as ONS and Nomis publish it (Census 2021 TS001), whose total is England and Wales' residents.
    /// </summary>
    public const int NationalLsoas = 35_000;

    /// <summary>
    /// The residents of England and Wales and of the given local authorities, from the first residents table (in
    /// <see cref="Find"/>'s order) that covers England and Wales; null when none does (files cut to the partnership
    /// give no national denominator).
    /// </summary>
    /// <param name="store">An open store.</param>
    /// <param name="districts">Local authority district codes (placed through the ward lookup) whose residents to sum too.</param>
    public static NationalResidents? National(AssessmentStore store, IReadOnlyCollection<string> districts)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(districts);
        foreach (var table in Tables.Where(t => Has(store, t)))
        {
            var source = table switch
            {
                "population" => new ResidentsSource($"SELECT upper(trim(lsoa21_code)) AS lsoa21_code, sum(usual_residents)::DOUBLE AS residents FROM {ReferenceLoads.Latest("population")} GROUP BY 1", "population (usual residents, all age groups)"),
                "population_syoa" => new ResidentsSource($"SELECT upper(trim(lsoa21_code)) AS lsoa21_code, sum(total)::DOUBLE AS residents FROM {ReferenceLoads.LatestRow("population_syoa")} GROUP BY 1", "population_syoa (total)"),
                _ => new ResidentsSource($"SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(usual_residents)::DOUBLE AS residents FROM {ReferenceLoads.LatestRow("population_total")} GROUP BY 1", "population_total (Census 2021 TS001 usual residents)"),
            };
            var (lsoas, total, wales) = store.Query($"""
                SELECT count(*), sum(residents), count(*) FILTER (WHERE lsoa21_code LIKE 'W01%') FROM ({source.Sql}) WHERE lsoa21_code LIKE 'E01%' OR lsoa21_code LIKE 'W01%'
                """, r => (r.GetInt64(0), r.IsDBNull(1) ? 0 : Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture), r.GetInt64(2)))[0];
            if (lsoas < NationalLsoas || wales == 0) continue;
            double? area = null;
            if (districts.Count > 0 && store.TableExists("ward_lookup"))
            {
                var list = "CAST([" + string.Join(", ", districts.Select(AssessmentStore.Literal)) + "] AS VARCHAR[])";
                var v = store.ScalarOrNull($"""
                    WITH wl AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(upper(trim(lad_code))) AS lad FROM {ReferenceLoads.LatestRow("ward_lookup")} GROUP BY 1)
                    SELECT sum(p.residents) FROM ({source.Sql}) p JOIN wl USING (lsoa21_code) WHERE list_contains({list}, wl.lad)
                    """);
                area = v is null ? null : Convert.ToDouble(v, CultureInfo.InvariantCulture);
            }
            return new NationalResidents(total, lsoas, area, source.Source);
        }
        return null;
    }

    /// <summary>Tables <see cref="Find"/> may read, for a stage's list of inputs.</summary>
    public static readonly IReadOnlyList<string> Tables = ["population", "population_syoa", "population_total"];

    private static bool Has(AssessmentStore store, string table) =>
        store.TableExists(table) && Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture) > 0;
}

/// <summary>National residents, and those of a set of local authorities, from one national file.</summary>
/// <param name="EnglandAndWales">Usual residents of England and Wales.</param>
/// <param name="Lsoas">LSOAs the file covers.</param>
/// <param name="Districts">Residents of the local authorities asked for; null when none were or the ward lookup is not loaded.</param>
/// <param name="Source">The table and measure.</param>
public sealed record NationalResidents(double EnglandAndWales, long Lsoas, double? Districts, string Source);
