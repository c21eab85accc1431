namespace NeedsAssessment.Store;

/// <summary>
/// One column of a dataset kind, read from its Frictionless Table Schema in <c>data-schemas/</c>.
/// </summary>
/// <param name="Name">Canonical column name in the store, e.g. <c>lsoa11_code</c>.</param>
/// <param name="SourceName">The column header as published, e.g. <c>LSOA code (2011)</c>.</param>
/// <param name="Type">Field type.</param>
/// <param name="Description">What the column holds.</param>
/// <param name="PersonalData">How identifying the column is.</param>
/// <param name="OptionalColumn">True when a file may omit the column altogether.</param>
/// <param name="Required">True when a value must be present on every row.</param>
/// <param name="Unique">True when values must be unique across the dataset kind.</param>
/// <param name="Pattern">Regular expression a present value must match, or null.</param>
/// <param name="Enum">Allowed values, or null.</param>
/// <param name="Minimum">Smallest allowed numeric value, or null.</param>
/// <param name="Maximum">Largest allowed numeric value, or null.</param>
/// <param name="GroupChar">Thousands separator to remove before reading a number, or null.</param>
/// <param name="TrueValues">Text read as true for a boolean field.</param>
/// <param name="FalseValues">Text read as false for a boolean field.</param>
public sealed record FieldSchema(
    string Name,
    string SourceName,
    FieldType Type,
    string? Description,
    PersonalData PersonalData,
    bool OptionalColumn,
    bool Required,
    bool Unique,
    string? Pattern,
    IReadOnlyList<string>? Enum,
    double? Minimum,
    double? Maximum,
    string? GroupChar,
    IReadOnlyList<string> TrueValues,
    IReadOnlyList<string> FalseValues)
{
    /// <summary>
    /// For a date or date-time field: the strptime format the file writes it in (e.g. <c>%d.%m.%Y</c>), tried
    /// before the ISO and UK forms. Set by an input's mapping or the schema's Frictionless <c>format</c>.
    /// </summary>
    public string? Format { get; init; }

    /// <summary>Value recodes (file value to schema value), applied to the trimmed text before any check.</summary>
    public IReadOnlyDictionary<string, string>? Recode { get; init; }

    /// <summary>True when the column is kept in the store (direct identifiers never are).</summary>
    public bool IsStored => PersonalData != PersonalData.DirectIdentifier;

    /// <summary>
    /// True for stored text with no allowed values or pattern (names, locations, offence descriptions): what a
    /// partner may type anything into, so its content is screened for direct identifiers at ingest.
    /// </summary>
    public bool IsFreeText => IsStored && Type == FieldType.String && Enum is null && Pattern is null;

    /// <summary>The DuckDB column type the field is stored as.</summary>
    public string DuckDbType => Type switch
    {
        FieldType.Integer => "BIGINT",
        FieldType.Number => "DOUBLE",
        FieldType.Date or FieldType.YearMonth => "DATE",
        FieldType.DateTime => "TIMESTAMP",
        FieldType.Boolean => "BOOLEAN",
        _ => "VARCHAR",
    };
}
