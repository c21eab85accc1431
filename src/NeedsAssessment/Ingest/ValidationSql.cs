using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// Turns a schema into SQL: the normalised text of each field, the checks that reject a value, and the cast
/// that stores it. All checks run in one DuckDB pass over the staging table.
/// </summary>
internal static class ValidationSql
{
    internal static readonly string[] UkDateTimeFormats = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"];

    private static string Q(string id) => AssessmentStore.Quote(id);
    private static string L(string? s) => AssessmentStore.Literal(s);
    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);
    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(L)) + "]";

    /// <summary>
    /// Membership of a constant list as a scalar function. DuckDB rewrites a long <c>x IN (...)</c> into a join with
    /// the constants, and that join gives up the reader's row order: the row numbers taken from the checked table's
    /// rowid were then wrong for files big enough to be read in parallel (about 100,000 rows and up).
    /// </summary>
    private static string In(string v, IEnumerable<string> values) => $"list_contains(CAST({List(values)} AS VARCHAR[]), {v})";

    /// <summary>
    /// Normalised text of a field: trimmed, with the schema's missing-value markers read as NULL. When the reader
    /// already maps the markers to NULL (DuckDB's CSV <c>nullstr</c>), only blanks made of spaces remain to catch.
    /// Trimming every value copies every string and cost a quarter of a million-row load; most values have no
    /// surrounding space, so only those that start or end with one are trimmed.
    /// </summary>
    public static string Normalised(DatasetSchema schema, string sourceColumn, bool markersHandledByReader = false) =>
        markersHandledByReader
            ? $"CASE WHEN starts_with({Q(sourceColumn)}, ' ') OR ends_with({Q(sourceColumn)}, ' ') THEN nullif(trim({Q(sourceColumn)}), '') ELSE {Q(sourceColumn)} END"
            : $"CASE WHEN {In($"trim(CAST({Q(sourceColumn)} AS VARCHAR))", schema.MissingValues)} THEN NULL ELSE trim(CAST({Q(sourceColumn)} AS VARCHAR)) END";

    /// <summary>
    /// The normalised text of a field after the input's value recodes (file value to schema value), so every
    /// check and the stored value see the schema's vocabulary; done in the same SQL pass, not per row in C#.
    /// </summary>
    public static string Recoded(FieldSchema f, string normalised)
    {
        if (f.Recode is not { Count: > 0 } recode) return normalised;
        var whens = string.Join(" ", recode.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"WHEN {L(kv.Key)} THEN {L(kv.Value)}"));
        return $"(CASE ({normalised}) {whens} ELSE ({normalised}) END)";
    }

    private static FieldSchema Unformatted(FieldSchema f) => f with { Format = null };

    private static string NumberText(FieldSchema f, string v) =>
        f.GroupChar is null ? v : $"replace({v}, {L(f.GroupChar)}, '')";

    /// <summary>
    /// The typed value of a normalised field, NULL when it cannot be read. ISO forms go through DuckDB's casts,
    /// which are several times faster than strptime; UK day-first forms fall back to strptime.
    /// </summary>
    public static string TryTyped(FieldSchema f, string v) => f.Type switch
    {
        // DuckDB's cast to BIGINT also takes '12.5' (rounding it), '1e3', '0x10' and '1_000': only digits are a whole number.
        FieldType.Integer => $"CASE WHEN regexp_full_match({NumberText(f, v)}, '[+-]?[0-9]+') THEN TRY_CAST({NumberText(f, v)} AS BIGINT) END",
        // A mapped format is tried first; the usual forms stay as a fallback (an Excel date cell arrives as ISO text).
        FieldType.Date when f.Format is not null => $"coalesce(CAST(TRY_STRPTIME({v}, {L(f.Format)}) AS DATE), {TryTyped(Unformatted(f), v)})",
        FieldType.DateTime when f.Format is not null => $"coalesce(TRY_STRPTIME({v}, {L(f.Format)}), {TryTyped(Unformatted(f), v)})",
        FieldType.Number => $"TRY_CAST({NumberText(f, v)} AS DOUBLE)",
        FieldType.Date => $"CASE WHEN {v}[3] = '/' THEN CAST(TRY_STRPTIME({v}, '%d/%m/%Y') AS DATE) WHEN length({v}) = 10 THEN TRY_CAST({v} AS DATE) END",
        FieldType.DateTime => $"CASE WHEN {v}[3] = '/' THEN TRY_STRPTIME({v}, {List(UkDateTimeFormats)}) WHEN length({v}) >= 16 THEN TRY_CAST({v} AS TIMESTAMP) END",
        FieldType.YearMonth => $"CASE WHEN length({v}) = 7 AND {v}[5] = '-' THEN TRY_CAST({v} || '-01' AS DATE) END",
        FieldType.Boolean => $"CASE WHEN {In(v, f.TrueValues)} THEN TRUE WHEN {In(v, f.FalseValues)} THEN FALSE END",
        FieldType.GeoJson => $"CASE WHEN json_valid({v}) THEN {v} END",
        _ => v,
    };

    private static string TypeDescription(FieldSchema f) => f.Type switch
    {
        FieldType.Integer => "a whole number",
        FieldType.Number => "a number",
        FieldType.Date when f.Format is not null => $"a date ({f.Format}, YYYY-MM-DD or DD/MM/YYYY)",
        FieldType.DateTime when f.Format is not null => $"a date and time ({f.Format} or YYYY-MM-DD HH:MM[:SS])",
        FieldType.Date => "a date (YYYY-MM-DD or DD/MM/YYYY)",
        FieldType.DateTime => "a date and time (YYYY-MM-DD HH:MM[:SS])",
        FieldType.YearMonth => "a year and month (YYYY-MM)",
        FieldType.Boolean => $"one of {string.Join("/", f.TrueValues.Take(2).Concat(f.FalseValues.Take(2)))}",
        FieldType.GeoJson => "a GeoJSON geometry",
        _ => "text",
    };

    /// <summary>The SQL type of a row's list of <see cref="Error"/> structs.</summary>
    internal const string ErrorListType = "STRUCT(\"column\" VARCHAR, raw VARCHAR, rule VARCHAR, message VARCHAR)[]";

    private static string Error(FieldSchema f, string column, string v, string rule, string messageSql) =>
        $"{{'column': {L(column)}, 'raw': {v}, 'rule': {L(rule)}, 'message': {messageSql}}}";

    private static string Quoted(string v) => $"'''' || {v} || ''''";

    /// <summary>One rule as SQL: the condition that breaks it and the error struct describing the breach.</summary>
    public sealed record Rule(string Broken, string Error);

    /// <summary>The rules for one field over normalised column <paramref name="v"/>.</summary>
    /// <param name="f">The field.</param>
    /// <param name="column">The file's column, named in messages.</param>
    /// <param name="v">The normalised text.</param>
    /// <param name="window">The plausible dates; the default window when null.</param>
    /// <param name="typedValue">
    /// A column already holding <see cref="TryTyped"/> of <paramref name="v"/>, or null to write the conversion into
    /// each rule. Naming it keeps a wide file's checks small: written out, a 185-column population file's conversions
    /// made a 270 KB statement whose planning took longer than reading the file.
    /// </param>
    public static IEnumerable<Rule> Checks(FieldSchema f, string column, string v, PlausibleDates? window = null, string? typedValue = null)
    {
        var typedValueOf = typedValue ?? TryTyped(f, v);
        var label = L($"'{column}' ");
        if (f.Required)
            yield return new Rule($"{v} IS NULL", Error(f, column, v, "required", $"{label} || 'is required but blank'"));
        if (f.Type != FieldType.String)
            yield return new Rule($"{v} IS NOT NULL AND {typedValueOf} IS NULL", Error(f, column, v, "type", $"{label} || 'value ' || {Quoted(v)} || {L($" is not {TypeDescription(f)}")}"));
        if (f.Pattern is not null)
            yield return new Rule($"{v} IS NOT NULL AND NOT regexp_matches({v}, {L(f.Pattern)})", Error(f, column, v, "pattern", $"{label} || 'value ' || {Quoted(v)} || {L($" does not match the expected form {f.Pattern}")}"));
        if (f.Enum is not null)
        {
            var allowed = string.Join(", ", f.Enum.Take(20).Select(e => $"'{e}'")) + (f.Enum.Count > 20 ? ", ..." : "");
            yield return new Rule($"{v} IS NOT NULL AND NOT {In(v, f.Enum)}", Error(f, column, v, "enum", $"{label} || 'value ' || {Quoted(v)} || {L($" is not one of the allowed values: {allowed}")}"));
        }
        if (IsName(f))
        {
            var found = $"regexp_extract({v}, {L(ControlCharacter)})";
            yield return new Rule($"{v} IS NOT NULL AND regexp_matches({v}, {L(ControlCharacter)})",
                Error(f, column, v, "control-character",
                    $"{label} || 'value holds control character ' || printf('U+%04X', unicode({found})) || ' at position ' || CAST(strpos({v}, {found}) AS VARCHAR) || " +
                    L(": names are printed in the report, the workbook and the maps; remove the character from the file")));
        }
        if (f.IsFreeText)
            yield return PersonalDataInText(column, v);
        var typed = f.Type is FieldType.Integer or FieldType.Number ? typedValueOf : null;
        if (typed is not null && f.Minimum is double min)
            yield return new Rule($"{typed} < {Num(min)}", Error(f, column, v, "minimum", $"{label} || 'value ' || {Quoted(v)} || {L($" is below the minimum {Num(min)}")}"));
        if (typed is not null && f.Maximum is double max)
            yield return new Rule($"{typed} > {Num(max)}", Error(f, column, v, "maximum", $"{label} || 'value ' || {Quoted(v)} || {L($" is above the maximum {Num(max)}")}"));
        if (f.Type is FieldType.Date or FieldType.DateTime or FieldType.YearMonth)
        {
            var w = window ?? PlausibleDates.Default;
            string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var day = $"CAST({typedValueOf} AS DATE)";
            yield return new Rule($"{day} < DATE '{Iso(w.Earliest)}' OR {day} > DATE '{Iso(w.Latest)}'",
                Error(f, column, v, "date-window", $"{label} || 'value ' || {Quoted(v)} || {L($" is outside the plausible window {Iso(w.Earliest)} to {Iso(w.Latest)} (today + {w.DaysAfterToday} days): a keying or export error, so the record is quarantined")}"));
        }
    }

    /// <summary>
    /// A control character other than tab and line breaks (C0, DEL, C1). In an area or organisation name it is an
    /// export fault, and printed it breaks the workbook's XML (which allows no C0 character but those three) and the
    /// report's labels, so the record is quarantined rather than escaped: the name is wrong, not just awkward. RE2 syntax.
    /// </summary>
    internal const string ControlCharacter = @"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]";

    /// <summary>A name field (area, district, force, partnership): every schema spells them <c>*_name</c>.</summary>
    internal static bool IsName(FieldSchema f) => f.IsStored && f.Type == FieldType.String && f.Name.Contains("_name", StringComparison.Ordinal);

    /// <summary>
    /// Text that identifies a person when it appears inside a free-text value: an e-mail address, a UK telephone
    /// number, a full postcode, or a ten-digit number written as NHS numbers are (3-3-4). RE2 syntax.
    /// </summary>
    internal const string IdentifierInText =
        @"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|(\+44 ?|\b0)[0-9]{2,4} ?[0-9]{3,4} ?[0-9]{3,4}\b|\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b|\b[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}\b";

    /// <summary>True when free-text value <paramref name="v"/> holds something that looks like a direct identifier.</summary>
    public static string HoldsIdentifier(string v) => $"regexp_matches({v}, {L(IdentifierInText)})";

    /// <summary>
    /// The free-text screen: a value holding a direct identifier quarantines its row, and neither the value nor
    /// the raw record keeps it (the raw value is left out; <see cref="RawValue"/> removes it from the record).
    /// </summary>
    public static Rule PersonalDataInText(string column, string v) =>
        new($"{v} IS NOT NULL AND {HoldsIdentifier(v)}",
            $"{{'column': {L(column)}, 'raw': CAST(NULL AS VARCHAR), 'rule': 'personal-data', 'message': {L($"'{column}' holds what looks like an e-mail address, telephone number, postcode or NHS number, which identify people: the row is quarantined and the value is not kept. Remove personal data from the partner's extract.")}}}");

    /// <summary>A source column's text for the raw record, with a free-text value that holds an identifier removed.</summary>
    public static string RawValue(FieldSchema f, string column) =>
        f.IsFreeText ? $"CASE WHEN {HoldsIdentifier($"CAST({Q(column)} AS VARCHAR)")} THEN '[removed: personal data]' ELSE {Q(column)} END" : Q(column);
}
