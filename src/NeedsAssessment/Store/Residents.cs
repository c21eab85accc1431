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

    /// <summary>Tables <see cref="Find"/> may read, for a stage's list of inputs.</summary>
    public static readonly IReadOnlyList<string> Tables = ["population", "population_syoa", "population_total"];

    private static bool Has(AssessmentStore store, string table) =>
        store.TableExists(table) && Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture) > 0;
}
