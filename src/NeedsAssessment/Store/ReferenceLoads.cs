namespace NeedsAssessment.Store;

/// <summary>
/// The one rule for which load of a reference dataset counts (geography, population, deprivation, centroids). Partners
/// resend reference files under new names (a corrected population, a later hierarchy), and each file is its own load,
/// so an area can appear in several loads: for each area only the latest load counts, never a sum or an arbitrary pick
/// across loads. Every stage reads reference tables through these queries.
/// </summary>
public static class ReferenceLoads
{
    /// <summary>
    /// SQL (a parenthesised sub-query) of every row of <paramref name="table"/> from the latest load that holds each
    /// <paramref name="key"/>, for tables with several rows per area (the census six-group population).
    /// </summary>
    /// <param name="table">Store table.</param>
    /// <param name="key">Area code column; codes are compared trimmed and upper-cased.</param>
    /// <param name="where">Optional condition a row must meet to count at all.</param>
    public static string Latest(string table, string key = "lsoa21_code", string? where = null) =>
        $"(SELECT * FROM {table} WHERE {key} IS NOT NULL{And(where)} QUALIFY load_id = max(load_id) OVER (PARTITION BY upper(trim({key}))))";

    /// <summary>
    /// SQL (a parenthesised sub-query) of one row per <paramref name="key"/> of <paramref name="table"/>: the first row
    /// of the latest load that holds it, for tables with one row per area (geography, single-year population,
    /// deprivation, centroids).
    /// </summary>
    /// <param name="table">Store table.</param>
    /// <param name="key">Area code column; codes are compared trimmed and upper-cased.</param>
    /// <param name="where">Optional condition a row must meet to count at all.</param>
    public static string LatestRow(string table, string key = "lsoa21_code", string? where = null) =>
        $"(SELECT * FROM {table} WHERE {key} IS NOT NULL{And(where)} QUALIFY row_number() OVER (PARTITION BY upper(trim({key})) ORDER BY load_id DESC, source_row) = 1)";

    private static string And(string? where) => string.IsNullOrWhiteSpace(where) ? "" : $" AND ({where})";
}
