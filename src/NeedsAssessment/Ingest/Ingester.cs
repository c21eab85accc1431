using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// Loads partner files into the store, schema-driven and atomic. DuckDB's own readers put every column into a
/// staging table as text; one SQL pass checks every value against the schema; good rows go to the canonical
/// table and bad rows to <c>quarantine</c> with every reason. Each file loads in one transaction, and the load
/// fails unless rows read = rows loaded + rows quarantined.
/// </summary>
public sealed class Ingester
{
    private readonly AssessmentStore _store;

    /// <summary>How many quarantine reasons a result carries (all of them are in the quarantine table).</summary>
    public int IssueSampleSize { get; init; } = 20;

    /// <summary>Test hook: called with a checkpoint name inside the load transaction, to inject a failure.</summary>
    internal Action<string>? Checkpoint { get; init; }

    /// <summary>Creates a loader over a writable store.</summary>
    public Ingester(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.ReadOnly) throw new UserErrorException("The store is open read-only; open it writable to ingest.");
        _store = store;
    }

    /// <summary>Loads files (paths, folders or globs) of one kind, in order; stops at the first refused file.</summary>
    public IReadOnlyList<LoadResult> Ingest(string kind, IEnumerable<string> inputs, IProgress<string>? progress = null) =>
        InputFiles.Expand(inputs).Select(f => Load(kind, f, dryRun: false, progress)).ToList();

    /// <summary>Checks files exactly as a load would, writing nothing.</summary>
    public IReadOnlyList<LoadResult> Validate(string kind, IEnumerable<string> inputs, IProgress<string>? progress = null) =>
        InputFiles.Expand(inputs).Select(f => Load(kind, f, dryRun: true, progress)).ToList();

    /// <summary>Loads (or, with <paramref name="dryRun"/>, validates) one file.</summary>
    public LoadResult Load(string kind, string path, bool dryRun = false, IProgress<string>? progress = null)
    {
        var schema = _store.Schemas.Get(kind);
        progress?.Report($"{Path.GetFileName(path)}: reading");
        var file = SourceFile.Inspect(path, schema);

        if (!dryRun)
        {
            var previous = _store.ScalarOrNull(
                $"SELECT load_id FROM loads WHERE kind = {Lit(schema.Kind)} AND sha256 = {Lit(file.Sha256)} AND status IN ('loaded','replaced') ORDER BY load_id LIMIT 1");
            if (previous is not null)
            {
                var id = Convert.ToInt64(previous, CultureInfo.InvariantCulture);
                var row = _store.Query($"SELECT rows_read, rows_loaded, rows_quarantined FROM loads WHERE load_id = {id}",
                    r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)))[0];
                return new LoadResult(id, schema.Kind, path, file.Sha256, file.Bytes, row.Item1, row.Item2, row.Item3,
                    LoadStatus.AlreadyLoaded, [$"Same content already loaded as load {id}; nothing written."], [], null, null);
            }
        }

        string? transcoded = null;
        var notes = new List<string>();
        var started = DateTime.UtcNow;
        var tx = _store.Connection.BeginTransaction();
        try
        {
            if (!file.IsUtf8 && file.Format != SourceFormat.Parquet)
            {
                transcoded = file.TranscodeToUtf8(Path.GetTempPath());
                notes.Add("Text is not UTF-8: read as Windows-1252.");
            }
            if (file.Format == SourceFormat.Csv && file.Delimiter != ',')
                notes.Add($"Delimiter '{(file.Delimiter == '\t' ? "\\t" : file.Delimiter.ToString())}' detected and used.");

            var rejectedLines = Stage(schema, file, transcoded ?? file.Path);
            var header = StagedColumns();
            var map = HeaderMatcher.Match(schema, header, file.FileName, out var extras);
            ScreenForPersonalData(file, extras, map);
            foreach (var f in map.Keys.Where(f => !f.IsStored))
                notes.Add($"Column '{map[f]}' is a direct identifier: not stored.");
            if (extras.Count > 0)
                notes.Add($"Column(s) not in the schema, ignored: {string.Join(", ", extras.Select(e => $"'{e}'"))}.");

            progress?.Report($"{file.FileName}: validating");
            var replaced = dryRun ? [] : _store.Query(
                $"SELECT load_id FROM loads WHERE kind = {Lit(schema.Kind)} AND file_name = {Lit(file.FileName)} AND status IN ('loaded','replaced')",
                r => r.GetInt64(0));
            var loadId = dryRun ? 0 : Convert.ToInt64(_store.Scalar("SELECT nextval('load_id_seq')"), CultureInfo.InvariantCulture);
            Check(schema, map, replaced);
            var rowsRead = Convert.ToInt64(_store.Scalar("SELECT count(*) FROM __stg"), CultureInfo.InvariantCulture) + rejectedLines;
            var issues = SampleIssues();

            if (dryRun)
            {
                var bad = Convert.ToInt64(_store.Scalar("SELECT count(*) FROM __chk WHERE len(__errors) > 0"), CultureInfo.InvariantCulture) + rejectedLines;
                tx.Rollback();
                return new LoadResult(0, schema.Kind, path, file.Sha256, file.Bytes, rowsRead, rowsRead - bad, bad,
                    LoadStatus.Validated, notes, issues, null, null);
            }

            progress?.Report($"{file.FileName}: writing");
            if (replaced.Count > 0)
            {
                var ids = string.Join(",", replaced);
                _store.Execute($"DELETE FROM {Q(schema.Table)} WHERE load_id IN ({ids}); DELETE FROM quarantine WHERE load_id IN ({ids}); UPDATE loads SET status = 'superseded' WHERE load_id IN ({ids});");
                notes.Add($"Replaced the rows of earlier load(s) {ids} of a file with the same name.");
            }
            Write(schema, map, loadId);
            Checkpoint?.Invoke("after-write");

            var loaded = Convert.ToInt64(_store.Scalar($"SELECT count(*) FROM {Q(schema.Table)} WHERE load_id = {loadId}"), CultureInfo.InvariantCulture);
            var quarantined = Convert.ToInt64(_store.Scalar($"SELECT count(DISTINCT source_row) FROM quarantine WHERE load_id = {loadId}"), CultureInfo.InvariantCulture);
            if (loaded + quarantined != rowsRead)
                throw new InvalidOperationException(
                    $"{file.FileName}: rows read ({rowsRead}) != rows loaded ({loaded}) + rows quarantined ({quarantined}). Nothing was written.");

            DateTime? periodStart = null, periodEnd = null;
            if (schema.PeriodField is { } pf)
            {
                var (a, b) = _store.Query($"SELECT CAST(min({Q(pf)}) AS TIMESTAMP), CAST(max({Q(pf)}) AS TIMESTAMP) FROM {Q(schema.Table)} WHERE load_id = {loadId}",
                    r => (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1)))[0];
                periodStart = a; periodEnd = b;
            }
            var status = replaced.Count > 0 ? LoadStatus.Replaced : LoadStatus.Loaded;
            _store.Execute($"""
                INSERT INTO loads VALUES ({loadId}, {Lit(schema.Kind)}, {Lit(file.FileName)}, {Lit(Path.GetFullPath(file.Path))}, {Lit(file.Sha256)},
                  {file.Bytes}, {rowsRead}, {loaded}, {quarantined}, {Ts(started)}, {Ts(DateTime.UtcNow)}, {Lit(status == LoadStatus.Replaced ? "replaced" : "loaded")},
                  {Lit(EngineInfo.Version)}, {Lit(schema.Version)}, {Lit(notes.Count == 0 ? null : string.Join(" ", notes))})
                """);
            Checkpoint?.Invoke("before-commit");
            DropStaging();
            tx.Commit();
            return new LoadResult(loadId, schema.Kind, path, file.Sha256, file.Bytes, rowsRead, loaded, quarantined, status, notes, issues, periodStart, periodEnd);
        }
        catch (Exception ex)
        {
            try { tx.Rollback(); } catch (DuckDBException) { /* already rolled back by DuckDB after an error */ }
            if (ex is DuckDBException db) throw new UserErrorException($"{file.FileName}: DuckDB could not read the file as {schema.Kind}: {FirstLine(db.Message)}", db);
            throw;
        }
        finally
        {
            tx.Dispose();
            if (transcoded is not null) File.Delete(transcoded);
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
    private static string Q(string id) => AssessmentStore.Quote(id);
    private static string Lit(string? s) => AssessmentStore.Literal(s);
    private static string Ts(DateTime t) => $"TIMESTAMP '{t:yyyy-MM-dd HH:mm:ss.ffffff}'";

    /// <summary>Reads the file into temp table <c>__stg</c> (all text, record numbers in <c>__row</c>); returns the number of malformed lines kept in <c>__rej</c>.</summary>
    private long Stage(DatasetSchema schema, SourceFile file, string readPath)
    {
        DropStaging();
        var p = Lit(readPath);
        switch (file.Format)
        {
            case SourceFormat.Parquet:
                _store.Execute($"CREATE TEMP TABLE __stg AS SELECT row_number() OVER () AS __row, COLUMNS(*)::VARCHAR FROM read_parquet({p})");
                return 0;
            case SourceFormat.Json:
                _store.Execute($"CREATE TEMP TABLE __stg AS SELECT row_number() OVER () AS __row, COLUMNS(*)::VARCHAR FROM read_json({p}, format = 'auto')");
                return 0;
            case SourceFormat.GeoJson:
                StageGeoJson(schema, p);
                return 0;
        }
        var columns = "{" + string.Join(", ", file.Header.Select(h => $"{Lit(h)}: 'VARCHAR'")) + "}";
        var delim = file.Delimiter == '\t' ? "\\t" : file.Delimiter.ToString();
        // The header was read and checked already; telling DuckDB the columns stops its sniffer guessing types or
        // header presence. store_rejects keeps malformed lines (wrong field count, broken quotes) instead of failing.
        _store.Execute($"""
            CREATE TEMP TABLE __stg AS
            SELECT row_number() OVER () AS __row, * FROM read_csv({p}, header = true, auto_detect = false, columns = {columns},
                delim = {Lit(delim)}, quote = '"', escape = '"', null_padding = false, store_rejects = true,
                rejects_table = '__rej_errors', rejects_scan = '__rej_scans', max_line_size = 4194304)
            """);
        var rejected = Convert.ToInt64(_store.Scalar("SELECT count(DISTINCT line) FROM __rej_errors"), CultureInfo.InvariantCulture);
        if (rejected > 0)
        {
            // Rejected lines are missing from __stg, so renumber accepted rows to their record number in the file.
            _store.Execute("""
                CREATE TEMP TABLE __rej_lines AS SELECT line, line - row_number() OVER (ORDER BY line) - 1 AS threshold
                  FROM (SELECT DISTINCT line FROM __rej_errors);
                UPDATE __stg SET __row = __row + (SELECT count(*) FROM __rej_lines WHERE threshold < __stg.__row);
                """);
        }
        return rejected;
    }

    private void StageGeoJson(DatasetSchema schema, string p)
    {
        _store.Execute($"""
            CREATE TEMP TABLE __features AS
            SELECT row_number() OVER () AS __row, f, crs FROM (
              SELECT unnest(CAST(json_extract(content::JSON, '$.features') AS JSON[])) AS f,
                     coalesce(json_extract_string(content::JSON, '$.crs.properties.name'), 'urn:ogc:def:crs:OGC:1.3:CRS84') AS crs
              FROM read_text({p}))
            """);
        var keys = _store.Query("SELECT DISTINCT unnest(json_keys(f, '$.properties')) FROM __features ORDER BY 1", r => r.GetString(0));
        var selects = new List<string> { "__row" };
        selects.AddRange(keys.Select(k => $"json_extract_string(f, {Lit("$.properties.\"" + k.Replace("\"", "\\\"") + "\"")}) AS {Q(k)}"));
        if (!keys.Contains("geometry")) selects.Add("CAST(json_extract(f, '$.geometry') AS VARCHAR) AS geometry");
        if (!keys.Contains("crs")) selects.Add("crs");
        _store.Execute($"CREATE TEMP TABLE __stg AS SELECT {string.Join(", ", selects)} FROM __features; DROP TABLE __features;");
    }

    private List<string> StagedColumns() =>
        _store.Query("SELECT column_name FROM information_schema.columns WHERE table_name = '__stg' ORDER BY ordinal_position", r => r.GetString(0))
            .Where(c => c != "__row").ToList();

    private void DropStaging() => _store.Execute(
        "DROP TABLE IF EXISTS __stg; DROP TABLE IF EXISTS __chk; DROP TABLE IF EXISTS __rej_errors; DROP TABLE IF EXISTS __rej_scans; DROP TABLE IF EXISTS __rej_lines; DROP TABLE IF EXISTS __features;");

    private static readonly Regex PersonalName = new(
        @"^(first|last|sur|fore|full|given|family|middle|maiden|patient|victim|suspect|offender|person|client|contact)?[ _\-]?(name|names|forename|surname)s?$|date[ _\-]?of[ _\-]?birth|^d\.?o\.?b\.?$|birth[ _\-]?date|nhs[ _\-]?(no|num|number)|^chi[ _\-]?(no|number)?$|post[ _\-]?code|e-?mail|phone|mobile|telephone|^tel$|address|national[ _\-]?insurance|^ni[ _\-]?(no|number)$|passport|driving[ _\-]?licen[cs]e",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Refuses the whole file when a column outside the schema looks like a direct identifier, by its name or by
    /// its content (half or more of its values are e-mail addresses, UK phone numbers, full postcodes, or NHS
    /// numbers with a valid modulus-11 check digit). Personal data must not enter the store even by accident.
    /// </summary>
    private void ScreenForPersonalData(SourceFile file, List<string> extras, Dictionary<FieldSchema, string> map)
    {
        foreach (var column in extras)
        {
            if (PersonalName.IsMatch(column.Trim()))
                throw new UserErrorException($"{file.FileName}: refused. Column '{column}' is not in the schema and its name suggests a direct identifier (a name, date of birth, NHS number, postcode, address, e-mail or phone number). Remove the column and load the file again: personal data must not enter the store.");
            var v = $"trim(CAST({Q(column)} AS VARCHAR))";
            var digits = $"regexp_replace({v}, '[ -]', '', 'g')";
            var nhsValid = $"(regexp_full_match({digits}, '[0-9]{{10}}') AND ((11 - (list_sum(list_transform(range(9), i -> (ascii(substr({digits}, i + 1, 1)) - 48) * (10 - i))) % 11)) % 11) = ascii(substr({digits}, 10, 1)) - 48)";
            const string emailRe = @"'[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}'";
            const string phoneRe = @"'(\+44|0)\d{9,10}'";
            const string postcodeRe = @"'[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}'";
            var sql = $"""
                SELECT count(*) FILTER (WHERE {v} <> ''),
                  count(*) FILTER (WHERE regexp_full_match({v}, {emailRe})),
                  count(*) FILTER (WHERE regexp_full_match(regexp_replace({v}, '[ ()\-]', '', 'g'), {phoneRe})),
                  count(*) FILTER (WHERE regexp_full_match(upper({v}), {postcodeRe})),
                  count(*) FILTER (WHERE {nhsValid})
                FROM __stg
                """;
            var (n, email, phone, postcode, nhs) = _store.Query(sql, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))[0];
            if (n == 0) continue;
            foreach (var (count, what) in new[] { (email, "e-mail addresses"), (phone, "telephone numbers"), (postcode, "full postcodes"), (nhs, "NHS numbers with a valid check digit") })
            {
                if (count * 2 >= n)
                    throw new UserErrorException($"{file.FileName}: refused. Column '{column}' is not in the schema and {count} of its {n} values look like {what}, which identify people. Remove the column and load the file again: personal data must not enter the store.");
            }
        }
        _ = map;
    }

    /// <summary>Builds <c>__chk</c>: normalised values, the raw record and the list of every rule each row breaks.</summary>
    private void Check(DatasetSchema schema, Dictionary<FieldSchema, string> map, IReadOnlyList<long> replacedLoads)
    {
        var present = schema.Fields.Where(map.ContainsKey).ToList();
        var stored = present.Where(f => f.IsStored).ToList();
        var normalised = stored.Select(f => $"{ValidationSql.Normalised(schema, map[f])} AS {Q(f.Name)}");
        // The raw record keeps what was read for the analyst to fix, minus direct identifiers, which are never kept.
        var raw = $"CAST(json_object({string.Join(", ", stored.Select(f => $"{Lit(map[f])}, {Q(map[f])}"))}) AS VARCHAR) AS __raw";
        var windows = stored.Where(f => f.Unique).SelectMany(f => new[]
        {
            $"row_number() OVER (PARTITION BY {Q(f.Name)} ORDER BY __row) AS {Q("__dup_" + f.Name)}",
            $"min(__row) OVER (PARTITION BY {Q(f.Name)}) AS {Q("__first_" + f.Name)}",
        }).ToList();
        var exclude = replacedLoads.Count == 0 ? "" : $" WHERE load_id NOT IN ({string.Join(",", replacedLoads)})";
        var checks = stored.SelectMany(f => ValidationSql.Checks(f, map[f], Q(f.Name),
            f.Unique ? $"SELECT {Q(f.Name)} FROM {Q(schema.Table)}{exclude}" : null)).ToList();
        var errors = checks.Count == 0 ? "[]" : $"list_filter([{string.Join(",\n  ", checks)}], e -> e IS NOT NULL)";
        _store.Execute($"""
            CREATE TEMP TABLE __chk AS
            WITH n AS (SELECT __row, {string.Join(", ", normalised.Append(raw))} FROM __stg),
                 u AS (SELECT *{(windows.Count > 0 ? ", " + string.Join(", ", windows) : "")} FROM n)
            SELECT *, {errors} AS __errors FROM u
            """);
    }

    private void Write(DatasetSchema schema, Dictionary<FieldSchema, string> map, long loadId)
    {
        var stored = schema.StoredFields.ToList();
        var values = stored.Select(f => map.ContainsKey(f) ? $"{ValidationSql.Stored(f, Q(f.Name))}" : "NULL");
        _store.Execute($"""
            INSERT INTO {Q(schema.Table)} (load_id, source_row, {string.Join(", ", stored.Select(f => Q(f.Name)))})
            SELECT {loadId}, __row, {string.Join(", ", values)} FROM __chk WHERE len(__errors) = 0;
            INSERT INTO quarantine
            SELECT {loadId}, __row, __row + 1, e.column, e.raw, e.rule, e.message, __raw
            FROM (SELECT __row, __raw, unnest(__errors) AS e FROM __chk WHERE len(__errors) > 0);
            """);
        if (_store.TableExists("__rej_errors"))
        {
            _store.Execute($"""
                INSERT INTO quarantine
                SELECT {loadId}, line - 1, line, NULL, NULL, 'malformed-row',
                       string_agg(DISTINCT error_type || ': ' || error_message, '; '), any_value(csv_line)
                FROM __rej_errors GROUP BY line;
                """);
        }
    }

    private List<QuarantineIssue> SampleIssues()
    {
        var sql = $"""
            SELECT * FROM (
              SELECT __row AS rec, __row + 1 AS line, e.column AS col, e.raw AS raw, e.rule AS rule, e.message AS msg
              FROM (SELECT __row, unnest(__errors) AS e FROM __chk WHERE len(__errors) > 0)
              {(_store.TableExists("__rej_errors") ? "UNION ALL SELECT line - 1, line, NULL, NULL, 'malformed-row', string_agg(DISTINCT error_type || ': ' || error_message, '; ') FROM __rej_errors GROUP BY line" : "")}
            ) ORDER BY rec, col NULLS FIRST LIMIT {IssueSampleSize}
            """;
        return _store.Query(sql, r => new QuarantineIssue(
            r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetString(5)));
    }
}
