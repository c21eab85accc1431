namespace NeedsAssessment.Store;

/// <summary>
/// A dataset kind's schema: the single source of truth for its columns, types, constraints and
/// personal-data markers, read from <c>data-schemas/&lt;kind&gt;.schema.json</c>.
/// </summary>
/// <param name="Kind">Dataset kind, e.g. <c>police-street</c>.</param>
/// <param name="Title">Human title.</param>
/// <param name="Description">What the dataset is and where it comes from.</param>
/// <param name="Version">Schema version recorded with every load.</param>
/// <param name="Table">Canonical table name in the store.</param>
/// <param name="Format">File format family: <c>csv</c> (also read from .csv.gz, .parquet and .json) or <c>geojson</c>.</param>
/// <param name="GeographyField">Canonical name of the geography column.</param>
/// <param name="PeriodField">Canonical name of the period column, or null for period-less reference data.</param>
/// <param name="MissingValues">Text values read as missing.</param>
/// <param name="Fields">Columns in published order.</param>
public sealed record DatasetSchema(
    string Kind,
    string Title,
    string Description,
    string Version,
    string Table,
    string Format,
    string GeographyField,
    string? PeriodField,
    IReadOnlyList<string> MissingValues,
    IReadOnlyList<FieldSchema> Fields)
{
    /// <summary>
    /// Field that identifies a record when present (police.uk's Crime ID): a later row identical to an earlier one
    /// with the same value is quarantined as a duplicate row; the same value with different content is kept and
    /// counted in the load's <c>repeated_keys</c>. Null when the kind has no such field.
    /// </summary>
    public string? DuplicateKey { get; init; }

    /// <summary>
    /// Fields that identify one row (a cohort, an LSOA's age group): a file holds one row per key value, and with
    /// <see cref="RowKeyAcrossFiles"/> so do all the kind's files together. Empty when rows may repeat. Checked by
    /// <c>Ingest/CrossRowChecks</c>: an exact repeat would be counted twice, rows that disagree can't both be right.
    /// </summary>
    public IReadOnlyList<string> RowKey { get; init; } = [];

    /// <summary>True when <see cref="RowKey"/> holds across every file of the kind, not only within one file (not for reference data, where the latest load replaces earlier ones).</summary>
    public bool RowKeyAcrossFiles { get; init; }

    /// <summary>Field holding the end of the period that <see cref="PeriodField"/> starts, or null.</summary>
    public string? PeriodEndField { get; init; }

    /// <summary>Each total field with the fields that must add up to it (a population's Total and its ages).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Totals { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Columns kept in the store, in published order.</summary>
    public IEnumerable<FieldSchema> StoredFields => Fields.Where(f => f.IsStored);

    /// <summary>Looks a field up by canonical name.</summary>
    public FieldSchema? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
