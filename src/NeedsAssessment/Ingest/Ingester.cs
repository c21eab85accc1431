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
public sealed partial class Ingester
{
    private readonly AssessmentStore _store;
    private readonly InspectionPrefetch _prefetch = new();

    /// <summary>How many quarantine reasons a result carries (all of them are in the quarantine table).</summary>
    public int IssueSampleSize { get; init; } = 20;

    /// <summary>Test hook: called with a checkpoint name inside the load transaction, to inject a failure.</summary>
    internal Action<string>? Checkpoint { get; init; }

    /// <summary>
    /// Called before a load's first write (its transaction and load id): a loader reading ahead on its own connection
    /// (<see cref="LoadAll"/>) waits here for the loads before it, so writes and load ids stay in file order.
    /// </summary>
    private Action? BeforeWrite { get; init; }

    /// <summary>Creates a loader over a writable store.</summary>
    public Ingester(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.ReadOnly) throw new UserErrorException("The store is open read-only; open it writable to ingest.");
        _store = store;
    }

    /// <summary>Dates outside this window quarantine their record (rule <c>date-window</c>). Default <see cref="PlausibleDates.Default"/>.</summary>
    public PlausibleDates Dates { get; init; } = PlausibleDates.Default;

    /// <summary>Loads files (paths, folders or globs) of one kind, in order; stops at the first refused file.</summary>
    public IReadOnlyList<LoadResult> Ingest(string kind, IEnumerable<string> inputs, IProgress<string>? progress = null, InputMapping? mapping = null) =>
        InputFiles.Expand(inputs).Select(f => Load(kind, f, dryRun: false, progress, mapping)).ToList();

    /// <summary>Checks files exactly as a load would, writing nothing.</summary>
    public IReadOnlyList<LoadResult> Validate(string kind, IEnumerable<string> inputs, IProgress<string>? progress = null) =>
        InputFiles.Expand(inputs).Select(f => Load(kind, f, dryRun: true, progress)).ToList();

    /// <summary>Loads (or, with <paramref name="dryRun"/>, validates) one file.</summary>
    /// <param name="kind">Dataset kind.</param>
    /// <param name="path">The file: CSV (also gzipped), Parquet, JSON, GeoJSON, or an Excel workbook (.xlsx, .xls).</param>
    /// <param name="dryRun">Check exactly as a load would, writing nothing.</param>
    /// <param name="progress">Receives a line per step.</param>
    /// <param name="mapping">How the file's layout differs from the schema's (columns, value recodes, date format, sheet, header row).</param>
    public LoadResult Load(string kind, string path, bool dryRun = false, IProgress<string>? progress = null, InputMapping? mapping = null)
    {
        mapping ??= InputMapping.None;
        var published = _store.Schemas.Get(kind);
        mapping.Check(published, $"input '{kind}' mapping");
        var schema = mapping.Apply(published);
        progress?.Report($"{Path.GetFileName(path)}: reading");
        PhaseTrace.Mark($"start: {kind} {Path.GetFileName(path)}");
        using var sheet = WorkbookSheet.Prepare(path, mapping, Path.GetTempPath());
        var file = sheet?.Inspect(path, schema) ?? (mapping.IsEmpty ? _prefetch.Take(path, schema) : null) ?? SourceFile.Inspect(path, schema);
        PhaseTrace.Mark("inspect (hash, utf8, header)");

        if (!dryRun)
        {
            // The same bytes read through another mapping are another load (the earlier one is replaced by name).
            var sameMapping = mapping.IsEmpty ? "(notes IS NULL OR notes NOT LIKE '%Mapping applied: %')" : $"contains(coalesce(notes, ''), {Lit($"Mapping applied: {mapping.Describe()}.")})";
            var previous = _store.ScalarOrNull(
                $"SELECT load_id FROM loads WHERE kind = {Lit(schema.Kind)} AND sha256 = {Lit(file.Sha256)} AND status IN ('loaded','replaced') AND {sameMapping} ORDER BY load_id LIMIT 1");
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
        IReadOnlyList<UnterminatedQuote> strayQuotes = [];
        // The transaction starts after the read-and-check pass (see ReadChecked); everything before it writes only
        // temp tables, which DropStaging clears at the start of every load and after a rollback.
        System.Data.Common.DbTransaction? tx = null;
        try
        {
            if (!file.IsUtf8 && file.Format != SourceFormat.Parquet)
                notes.Add("Text is not UTF-8: read as Windows-1252.");
            if (file.InvalidUtf8 > 0)
                notes.Add($"Text is UTF-8 with {file.InvalidUtf8} invalid byte sequence(s): the records holding them are quarantined, the rest read as UTF-8.");
            if (UnterminatedQuotes.Repair(file, Path.GetTempPath()) is { } repair)
            {
                transcoded = repair.Path;
                file = repair.File;
                strayQuotes = repair.Lines;
                notes.Add($"{strayQuotes.Count} line(s) open a quote that never closes (first: line {strayQuotes[0].Line}): each is quarantined and reading resumed at the next line.");
            }
            else if (!file.IsUtf8 && file.Format != SourceFormat.Parquet)
                transcoded = file.TranscodeToUtf8(Path.GetTempPath());
            if (file.Format == SourceFormat.Csv && file.Delimiter != ',')
                notes.Add($"Delimiter '{(file.Delimiter == '\t' ? "\\t" : file.Delimiter.ToString())}' detected and used.");

            // Loads of a file with the same name are about to be replaced: their values don't count as duplicates.
            // A file is its full path, never its name alone: two 'data.csv' in different folders are two files.
            var replaced = _store.Query(
                $"SELECT load_id FROM loads WHERE kind = {Lit(schema.Kind)} AND file_path = {Lit(Path.GetFullPath(file.Path))} AND status IN ('loaded','replaced')",
                r => r.GetInt64(0));
            DropStaging();
            string source;
            List<string> header;
            if (file.Format == SourceFormat.Csv)
            {
                header = file.Header.ToList();
                source = CsvReader(schema, file, transcoded ?? file.Path, "__rejpii");
            }
            else
            {
                StageOther(schema, file);
                header = StagedColumns("__src");
                source = "__src";
            }
            if (mapping.ColumnsMissingFrom(header) is { Count: > 0 } absent)
                throw new UserErrorException($"{file.FileName}: input '{kind}' mapping names column(s) {string.Join(", ", absent.Select(a => $"'{a}'"))}, which the file's header does not have. Columns found: {string.Join(", ", header.Select(h => $"'{h}'"))}.");
            if (!mapping.IsEmpty) notes.Add($"Mapping applied: {mapping.Describe()}.");
            if (sheet?.SheetName is { } sheetName) notes.Add($"Read sheet '{sheetName}'{(sheet.LinesAbove > 0 ? $" from its header at row {sheet.LinesAbove + 1}" : "")}; line numbers are sheet rows.");
            var map = HeaderMatcher.Match(schema, header, file.FileName, out var extras);
            ScreenForPersonalData(file, extras, source);
            foreach (var f in map.Keys.Where(f => !f.IsStored))
                notes.Add($"Column '{map[f]}' is a direct identifier: not stored.");
            if (extras.Count > 0)
                notes.Add($"Column(s) not in the schema, ignored: {string.Join(", ", extras.Select(e => $"'{e}'"))}.");

            progress?.Report($"{file.FileName}: reading and validating");
            var plan = BuildPlan(schema, map, markersHandledByReader: file.Format == SourceFormat.Csv, Dates);
            var csv = file.Format == SourceFormat.Csv;
            ReadChecked(plan, csv ? CsvReader(schema, file, transcoded ?? file.Path, "__rej") : "__src");
            BeforeWrite?.Invoke();
            tx = _store.Connection.BeginTransaction();
            var loadId = Convert.ToInt64(_store.Scalar("SELECT nextval('load_id_seq')"), CultureInfo.InvariantCulture);
            if (replaced.Count > 0)
            {
                var ids = string.Join(",", replaced);
                _store.Execute($"DELETE FROM {Q(schema.Table)} WHERE load_id IN ({ids}); DELETE FROM quarantine WHERE load_id IN ({ids}); UPDATE loads SET status = 'superseded' WHERE load_id IN ({ids});");
                notes.Add($"Replaced the rows of earlier load(s) {ids} of this file (same path).");
            }
            StageLineMap(file.Lines);
            StageStrayQuotes(strayQuotes);
            var rowsRead = LoadChecked(schema, plan, loadId, csv);
            var (loaded, quarantined, issues, repeatedKeys, periodStart, periodEnd) =
                FinishLoad(schema, plan, file, loadId, rowsRead, replaced, notes, keepMalformedLines: map.Keys.All(f => f.IsStored) && extras.Count == 0);

            var status = replaced.Count > 0 ? LoadStatus.Replaced : LoadStatus.Loaded;
            _store.Execute($"""
                INSERT INTO loads VALUES ({loadId}, {Lit(schema.Kind)}, {Lit(file.FileName)}, {Lit(Path.GetFullPath(path))}, {Lit(file.Sha256)},
                  {file.Bytes}, {rowsRead}, {loaded}, {quarantined}, {Ts(started)}, {Ts(DateTime.UtcNow)}, {Lit(status == LoadStatus.Replaced ? "replaced" : "loaded")},
                  {Lit(EngineInfo.Version)}, {Lit(schema.Version)}, {Lit(notes.Count == 0 ? null : string.Join(" ", notes))}, {repeatedKeys})
                """);
            Checkpoint?.Invoke("before-commit");
            DropStaging();
            if (dryRun)
            {
                // A dry run is a real load that is never committed: the same checks, nothing written.
                tx.Rollback();
                DropStaging();
                return new LoadResult(0, schema.Kind, path, file.Sha256, file.Bytes, rowsRead, loaded, quarantined, LoadStatus.Validated, notes, issues, null, null) { RepeatedKeys = repeatedKeys };
            }
            tx.Commit();
            PhaseTrace.Mark("invariant, loads row, commit");
            return new LoadResult(loadId, schema.Kind, path, file.Sha256, file.Bytes, rowsRead, loaded, quarantined, status, notes, issues, periodStart, periodEnd) { RepeatedKeys = repeatedKeys };
        }
        catch (Exception ex)
        {
            // The rollback must never replace the error that caused it: DuckDB may have rolled back already, and a commit
            // that failed (a full disk) leaves the transaction finished, so Rollback throws InvalidOperationException.
            try { tx?.Rollback(); }
            catch (DuckDBException) { /* already rolled back by DuckDB after an error */ }
            catch (InvalidOperationException) { /* the transaction finished when its commit failed */ }
            // Temp tables made before the transaction outlive its rollback; the next load would drop them, but they hold memory until then.
            try { DropStaging(); }
            catch (DuckDBException) { /* the connection is unusable; the load's own error is the one to report */ }
            // A full disk is the user's to fix and says where; never "could not read the file" or the rollback's error.
            if (FileSystemErrors.IsDiskFull(ex)) throw FileSystemErrors.DiskFull(_store.Path, ex);
            if (ex is DuckDBException db) throw new UserErrorException($"{file.FileName}: DuckDB could not read the file as {schema.Kind}: {FirstLine(db.Message)}", db);
            throw;
        }
        finally
        {
            tx?.Dispose();
            if (transcoded is not null) File.Delete(transcoded);
        }
    }

    /// <summary>
    /// One parallel pass checks and types the source's rows into the temp table <c>__typed</c>, keeping reasons and
    /// raw text only for failing rows. The temp table keeps the reader's order (see <see cref="ValidationSql"/> on IN
    /// lists), so its rowid gives the record number without a window, which would serialise the pass.
    /// </summary>
    /// <remarks>
    /// Runs before the load's transaction begins: a table made inside a transaction is transaction-local, and DuckDB
    /// scans transaction-local rows on one thread, so copying the checked rows to the canonical table took 0.77 s on
    /// one core for a 500,000-row month against 0.39 s on two when the temp table is made first. Temp tables are the
    /// connection's own, so nothing another reader can see is written outside the transaction.
    /// Measured alternatives on a 1,000,000-row file, both slower: inserting straight from the reader and numbering
    /// rows with row_number() (the window serialises the read: 9 s against 6 s), or numbering them afterwards with
    /// an UPDATE from the rowid and removing failing rows with a DELETE (DuckDB rewrites the new rows at commit: +2 s).
    /// </remarks>
    private void ReadChecked(CheckPlan plan, string source)
    {
        ReadCheckedInto(plan, source);
        PhaseTrace.Mark("read + check + type into a temp table");
    }

    /// <summary>
    /// Good rows of <c>__typed</c> go to the canonical table, numbered by their record in the file, and failing ones
    /// to <c>__failed</c>; inside the load's transaction.
    /// </summary>
    /// <returns>Rows read: the rows the reader returned plus, for CSV, malformed lines it rejected.</returns>
    private long LoadChecked(DatasetSchema schema, CheckPlan plan, long loadId, bool csv)
    {
        var rejectedLines = csv ? RejectedLines() : 0;
        // A table's first rowid is not always 0 (one made inside a transaction numbers from DuckDB's transaction-local
        // base, 2^55-ish): the row number is the offset from the first rowid.
        var (rows, firstRowId) = _store.Query("SELECT count(*), coalesce(min(rowid), 0) FROM __typed", r => (r.GetInt64(0), r.GetInt64(1)))[0];
        var readerRow = $"(__typed.rowid - {firstRowId} + 1)";
        var record = rejectedLines > 0 ? $"{readerRow} + {ShiftForRejects(readerRow)}" : readerRow;
        _store.Execute($"""
            INSERT INTO {Q(schema.Table)} (load_id, source_row, {plan.Columns}) SELECT {loadId}, {record}, {plan.Columns} FROM __typed WHERE __ok;
            CREATE TEMP TABLE __failed AS SELECT {record} AS __row, __errors, __raw FROM __typed WHERE NOT __ok;
            """);
        DuplicateRows.StageCandidates(_store, schema, plan.Map, loadId.ToString(CultureInfo.InvariantCulture), "__typed WHERE __ok");
        _store.Execute("DROP TABLE __typed");
        PhaseTrace.Mark("insert canonical, failed rows");
        return rows + rejectedLines;
    }

    /// <summary>What the checks after the typed insert found for one load.</summary>
    private sealed record Finished(long Loaded, long Quarantined, List<QuarantineIssue> Issues, long RepeatedKeys, DateTime? PeriodStart, DateTime? PeriodEnd);

    /// <summary>
    /// The checks that need a load's rows in the canonical table (uniqueness, repeated records, cross-row rules,
    /// geometry), its quarantine rows with every reason, and the invariant rows read = loaded + quarantined. Reads
    /// <c>__failed</c> (this load's failing rows) and the line maps, writes <c>__dups</c>; the caller owns the transaction.
    /// A malformed line can't be split reliably, so its raw text is kept (<paramref name="keepMalformedLines"/>) only
    /// when the file has no direct identifier, nor columns outside the schema (ignored, so never screened).
    /// </summary>
    private Finished FinishLoad(DatasetSchema schema, CheckPlan plan, SourceFile file, long loadId, long rowsRead, IReadOnlyList<long> replaced, List<string> notes, bool keepMalformedLines)
    {
        FindDuplicates(schema, plan, loadId, replaced);
        var repeatedKeys = DuplicateRows.Quarantine(_store, schema, loadId, plan.Map);
        if (repeatedKeys > 0)
            notes.Add(RepeatedKeysNote(schema, plan, repeatedKeys));
        PhaseTrace.Mark("duplicates");
        if (CrossRowChecks.Quarantine(_store, schema, loadId, plan.Map, notes) is var inconsistent and > 0)
            notes.Add($"{inconsistent:N0} row(s) quarantined by the cross-row checks (repeated or conflicting rows, periods that run backwards, totals that contradict their parts).");
        if (BoundaryGeometry.Quarantine(_store, schema, loadId, plan.Map) is var badShapes and > 0)
            notes.Add($"{badShapes:N0} feature(s) quarantined for their geometry (rule '{BoundaryGeometry.Rule}'): see the quarantine for each reason.");
        var malformed = _store.TableExists("__rej_recs");
        var reasons = ReasonsSql(keepMalformedLines, malformed);
        // Most files have no row to quarantine: one small question spares the sample and the insert, each a pass over
        // the reasons joined to the line map (about 15 ms a load).
        // The insert follows the question, not the sample: a sample of size 0 still quarantines every row.
        var any = AnyReasons(malformed);
        var issues = any ? SampleIssues(reasons) : [];
        if (any) _store.Execute($"INSERT INTO quarantine SELECT {loadId}, rec, line, col, raw, rule, msg, raw_record FROM ({reasons})");
        PhaseTrace.Mark("write");
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
        return new Finished(loaded, quarantined, issues, repeatedKeys, periodStart, periodEnd);
    }

    /// <summary>The load's note on key values kept on several rows with different content.</summary>
    private static string RepeatedKeysNote(DatasetSchema schema, CheckPlan plan, long repeatedKeys) =>
        $"{repeatedKeys:N0} '{plan.Map[schema.Field(schema.DuplicateKey!)!]}' value(s) occur on more than one row with different content: all kept, counted as repeated keys.";

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
    private static string Q(string id) => AssessmentStore.Quote(id);
    private static string Lit(string? s) => AssessmentStore.Literal(s);
    private static string Ts(DateTime t) => $"TIMESTAMP '{t:yyyy-MM-dd HH:mm:ss.ffffff}'";

    /// <summary>
    /// DuckDB's CSV reader over the file, every column as text. The header was read and checked already; telling
    /// DuckDB the columns stops its sniffer guessing types or header presence, and store_rejects keeps malformed
    /// lines (wrong field count, broken quotes) in <c>__rej_errors</c> instead of failing the load.
    /// </summary>
    private static string CsvReader(DatasetSchema schema, SourceFile file, string readPath, string rejects) =>
        CsvReader(schema, file, Lit(readPath), rejects, fileColumn: null);

    /// <summary>The same reader over several files with one header, each row carrying its file in <paramref name="fileColumn"/>.</summary>
    private static string CsvReader(DatasetSchema schema, SourceFile first, IReadOnlyList<string> readPaths, string rejects, string fileColumn) =>
        CsvReader(schema, first, "[" + string.Join(", ", readPaths.Select(Lit)) + "]", rejects, fileColumn);

    private static string CsvReader(DatasetSchema schema, SourceFile file, string pathsLiteral, string rejects, string? fileColumn)
    {
        var nullstr = "[" + string.Join(", ", schema.MissingValues.Select(Lit)) + "]";
        var columns = "{" + string.Join(", ", file.Header.Select(h => $"{Lit(h)}: 'VARCHAR'")) + "}";
        var delim = file.Delimiter == '\t' ? "\\t" : file.Delimiter.ToString();
        var filename = fileColumn is null ? "" : $", filename = {Lit(fileColumn)}";
        return $"""
            read_csv({pathsLiteral}, header = true, auto_detect = false, columns = {columns},
                delim = {Lit(delim)}, quote = '"', escape = '"', null_padding = false, store_rejects = true, nullstr = {nullstr},
                rejects_table = '{rejects}_errors', rejects_scan = '{rejects}_scans', max_line_size = 4194304{filename})
            """;
    }

    /// <summary>
    /// Counts malformed lines; when there are any, builds <c>__rej_lines</c> so accepted rows can be renumbered to
    /// their record number in the file (rejected lines are missing from <c>__typed</c>).
    /// </summary>
    private long RejectedLines()
    {
        if (!_store.TableExists("__rej_errors")) return 0;
        // DuckDB's reject 'line' counts records and the blank lines it skipped: take the blank lines off to get the record.
        _store.Execute("""
            CREATE TEMP TABLE __rej_recs AS
            SELECT line, line - 1 - coalesce((SELECT max(b.blanks) FROM __blank_map b WHERE b.duck_line <= e.line), 0) AS rec
            FROM (SELECT DISTINCT line FROM __rej_errors) e
            """);
        var rejected = Convert.ToInt64(_store.Scalar("SELECT count(*) FROM __rej_recs"), CultureInfo.InvariantCulture);
        if (rejected > 0)
            _store.Execute("""
                CREATE TEMP TABLE __rej_lines AS SELECT threshold, max(k) AS k FROM (
                  SELECT rec - row_number() OVER (ORDER BY rec) AS threshold, row_number() OVER (ORDER BY rec) AS k
                  FROM __rej_recs) GROUP BY threshold
                """);
        return rejected;
    }

    /// <summary>
    /// Stages the file's line map: <c>__line_map</c> (from record r on, a record's first line is r + 1 + extra) and
    /// <c>__blank_map</c> (from DuckDB reject line duck_line on, that many blank lines were skipped). Both are empty
    /// for an ordinary file. Plain tables, so the appender can fill them; dropped with the other staging tables.
    /// </summary>
    private void StageLineMap(CsvLineMap? lines)
    {
        _store.Execute("CREATE TABLE __line_map (r BIGINT, extra BIGINT); CREATE TABLE __blank_map (duck_line BIGINT, blanks BIGINT);");
        if (lines is null) return;
        using (var appender = _store.Connection.CreateAppender("__line_map"))
            foreach (var (r, extra) in lines.LineOffsets) appender.CreateRow().AppendValue(r).AppendValue(extra).EndRow();
        using (var appender = _store.Connection.CreateAppender("__blank_map"))
            foreach (var (r, blanks) in lines.BlankLines) appender.CreateRow().AppendValue(r + 1 + blanks).AppendValue(blanks).EndRow();
    }

    /// <summary>Stages the lines set aside for an unterminated quote, so their reason and text reach the quarantine.</summary>
    private void StageStrayQuotes(IReadOnlyList<UnterminatedQuote> quotes)
    {
        _store.Execute("CREATE TABLE __stray_quotes (marker VARCHAR, line_text VARCHAR, msg VARCHAR);");
        if (quotes.Count == 0) return;
        using var appender = _store.Connection.CreateAppender("__stray_quotes");
        foreach (var q in quotes) appender.CreateRow().AppendValue(q.Marker).AppendValue(q.Text).AppendValue(UnterminatedQuotes.Message(q)).EndRow();
    }

    /// <summary>
    /// How far a reader's row number must shift to be the record number in the file: one for every rejected line
    /// before it (rejected lines are missing from the reader's rows).
    /// </summary>
    private static string ShiftForRejects(string rowColumn) =>
        $"coalesce((SELECT max(k) FROM __rej_lines WHERE threshold < {rowColumn}), 0)";

    /// <summary>Reads a Parquet, JSON or GeoJSON file into <c>__src</c>, every column as text, in file order.</summary>
    private void StageOther(DatasetSchema schema, SourceFile file)
    {
        var p = Lit(file.Path);
        if (file.Format == SourceFormat.Parquet)
            _store.Execute($"CREATE TEMP TABLE __src AS SELECT COLUMNS(*)::VARCHAR FROM read_parquet({p})");
        else if (file.Format == SourceFormat.Json)
        {
            _store.Execute($"CREATE TEMP TABLE __src AS SELECT COLUMNS(*)::VARCHAR FROM read_json({p}, format = 'auto')");
            // An empty array reads as no rows of one column named 'json': say so rather than report a header mismatch.
            if (Convert.ToInt64(_store.Scalar("SELECT count(*) FROM __src"), System.Globalization.CultureInfo.InvariantCulture) == 0)
                throw new UserErrorException($"{file.FileName}: the JSON holds no records, so there is nothing to load. {SourceFile.Expected(SourceFormat.Json, schema)}");
        }
        else
            StageGeoJson(schema, file, p);
    }

    private void StageGeoJson(DatasetSchema schema, SourceFile file, string p)
    {
        _store.Execute($"""
            CREATE TEMP TABLE __features AS
            SELECT f, crs FROM (
              SELECT unnest(CAST(json_extract(content::JSON, '$.features') AS JSON[])) AS f,
                     coalesce(json_extract_string(content::JSON, '$.crs.properties.name'), 'urn:ogc:def:crs:OGC:1.3:CRS84') AS crs
              FROM read_text({p}))
            """);
        if (Convert.ToInt64(_store.Scalar("SELECT count(*) FROM __features"), System.Globalization.CultureInfo.InvariantCulture) == 0)
            throw new UserErrorException($"{file.FileName}: the GeoJSON holds no features, so there is no area to load. {SourceFile.Expected(SourceFormat.GeoJson, schema)}");
        var keys = _store.Query("SELECT DISTINCT unnest(json_keys(f, '$.properties')) FROM __features ORDER BY 1", r => r.GetString(0));
        var selects = new List<string>();
        selects.AddRange(keys.Select(k => $"json_extract_string(f, {Lit("$.properties.\"" + k.Replace("\"", "\\\"") + "\"")}) AS {Q(k)}"));
        if (!keys.Contains("geometry")) selects.Add("CAST(json_extract(f, '$.geometry') AS VARCHAR) AS geometry");
        if (!keys.Contains("crs")) selects.Add("crs");
        _store.Execute($"CREATE TEMP TABLE __src AS SELECT {string.Join(", ", selects)} FROM __features; DROP TABLE __features;");
    }

    private List<string> StagedColumns(string table) =>
        _store.Columns(table).Select(c => c.Name).ToList();

    private void DropStaging() => _store.Execute(
        string.Join(" ", new[] { "__src", "__typed", "__failed", "__dups", "__rej_errors", "__rej_scans", "__rej2_errors", "__rej2_scans", "__rejpii_errors", "__rejpii_scans", "__rej_lines", "__rej_recs", "__line_map", "__blank_map", "__stray_quotes", "__features", "__geometry_issues", "__row_keys", "__repeated_keys", "__batch_dups" }
            .Select(t => $"DROP TABLE IF EXISTS {t};")));

    private static readonly Regex PersonalName = new(
        @"^(first|last|sur|fore|full|given|family|middle|maiden|patient|victim|suspect|offender|person|client|contact)?[ _\-]?(name|names|forename|surname)s?$|date[ _\-]?of[ _\-]?birth|^d\.?o\.?b\.?$|birth[ _\-]?date|nhs[ _\-]?(no|num|number)|^chi[ _\-]?(no|number)?$|post[ _\-]?code|e-?mail|phone|mobile|telephone|^tel$|address|national[ _\-]?insurance|^ni[ _\-]?(no|number)$|passport|driving[ _\-]?licen[cs]e",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Refuses the whole file when a column outside the schema looks like a direct identifier, by its name or by
    /// its content (half or more of its values are e-mail addresses, UK phone numbers, full postcodes, or NHS
    /// numbers with a valid modulus-11 check digit). Personal data must not enter the store even by accident.
    /// </summary>
    private void ScreenForPersonalData(SourceFile file, List<string> extras, string source)
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
                FROM {source}
                """;
            var (n, email, phone, postcode, nhs) = _store.Query(sql, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))[0];
            if (n == 0) continue;
            foreach (var (count, what) in new[] { (email, "e-mail addresses"), (phone, "telephone numbers"), (postcode, "full postcodes"), (nhs, "NHS numbers with a valid check digit") })
            {
                if (count * 2 >= n)
                    throw new UserErrorException($"{file.FileName}: refused. Column '{column}' is not in the schema and {count} of its {n} values look like {what}, which identify people. Remove the column and load the file again: personal data must not enter the store.");
            }
        }
    }

    /// <summary>The SQL for one file's checks, built once from the schema and the header match.</summary>
    /// <param name="Normalised">Projection of each field's normalised text as <c>__n_name</c>.</param>
    /// <param name="Ok">Predicate true when a row breaks no per-row rule.</param>
    /// <param name="Errors">List of every broken per-row rule's error struct.</param>
    /// <param name="Raw">The raw record as JSON text.</param>
    /// <param name="TypedColumns">Typed values under canonical names.</param>
    /// <param name="Columns">Canonical column list.</param>
    /// <param name="Unique">Unique fields present in the file.</param>
    /// <param name="Map">Schema field to file column.</param>
    /// <param name="Typed">Projection of each non-text field's typed value as <c>__t_name</c>, read by the checks and the stored value.</param>
    /// <param name="HasRules">True when any per-row rule applies (without one every row passes).</param>
    private sealed record CheckPlan(string Normalised, string Typed, string Ok, string Errors, string Raw, string TypedColumns, string Columns,
        IReadOnlyList<FieldSchema> Unique, Dictionary<FieldSchema, string> Map, bool HasRules)
    {
        /// <summary>
        /// One pass over the source rows: typed values and the pass/fail flag for every row, and the reasons and
        /// raw record only for failing rows (CASE evaluates its branch for the selected rows alone).
        /// </summary>
        /// <param name="source">The rows to check.</param>
        /// <param name="carry">A source column passed through unchecked (the file of each row in a multi-file pass).</param>
        /// <param name="reasons">False to leave out the reasons and raw records (typed NULLs): see <see cref="ReadCheckedInto"/>.</param>
        public string Checked(string source, string? carry = null, bool reasons = true) => $"""
            SELECT {(carry is null ? "" : Q(carry) + ", ")}{TypedColumns}, __ok,
                   {(reasons ? $"CASE WHEN NOT __ok THEN {Errors} END" : $"CAST(NULL AS {ValidationSql.ErrorListType})")} AS __errors,
                   {(reasons ? $"CASE WHEN NOT __ok THEN {Raw} END" : "CAST(NULL AS VARCHAR)")} AS __raw
            FROM (SELECT *, {Ok} AS __ok FROM (SELECT *{Typed} FROM (SELECT *, {Normalised} FROM {source})))
            """;
    }

    /// <summary>
    /// Creates the temp table <c>__typed</c> from <see cref="CheckPlan.Checked"/>: first without the reasons, and again
    /// with them only when a row failed. Why: most files have no failing row, and the reasons are half of the statement
    /// DuckDB has to plan; for the demo's 185-column population file that planning was half of its load (0.56 against
    /// 0.29 CPU s), for a national police.uk month a tenth of the check. The reader's rejects are read again with the
    /// second pass, so they are dropped first.
    /// </summary>
    private void ReadCheckedInto(CheckPlan plan, string source, string? carry = null)
    {
        if (plan.HasRules)
        {
            _store.Execute($"CREATE TEMP TABLE __typed AS {plan.Checked(source, carry, reasons: false)}");
            if (_store.ScalarOrNull("SELECT 1 FROM __typed WHERE NOT __ok LIMIT 1") is null) return;
            _store.Execute("DROP TABLE __typed; DROP TABLE IF EXISTS __rej_errors; DROP TABLE IF EXISTS __rej_scans;");
        }
        _store.Execute($"CREATE TEMP TABLE __typed AS {plan.Checked(source, carry)}");
    }

    private static string N(FieldSchema f) => Q("__n_" + f.Name);

    /// <summary>The typed value's column: text fields are stored as their normalised text.</summary>
    private static string T(FieldSchema f) => f.Type == FieldType.String ? N(f) : Q("__t_" + f.Name);

    private static CheckPlan BuildPlan(DatasetSchema schema, Dictionary<FieldSchema, string> map, bool markersHandledByReader, PlausibleDates dates)
    {
        var stored = schema.Fields.Where(f => map.ContainsKey(f) && f.IsStored).ToList();
        var normalised = string.Join(", ", stored.Select(f => $"{ValidationSql.Recoded(f, ValidationSql.Normalised(schema, map[f], markersHandledByReader))} AS {N(f)}"));
        // Each value is converted once, in its own projection, and the checks and the stored value read the result.
        var typedLayer = string.Concat(stored.Where(f => f.Type != FieldType.String).Select(f => $", {ValidationSql.TryTyped(f, N(f))} AS {T(f)}"));
        var rules = stored.SelectMany(f => ValidationSql.Checks(f, map[f], N(f), dates, f.Type == FieldType.String ? null : T(f))).ToList();
        var ok = rules.Count == 0 ? "TRUE" : string.Join(" AND ", rules.Select(r => $"NOT coalesce({r.Broken}, FALSE)"));
        var errors = rules.Count == 0 ? "[]" : $"list_filter([{string.Join(",\n  ", rules.Select(r => $"CASE WHEN {r.Broken} THEN {r.Error} END"))}], e -> e IS NOT NULL)";
        // The raw record keeps what was read for the analyst to fix, minus direct identifiers, which are never kept.
        var raw = $"CAST(json_object({string.Join(", ", stored.Select(f => $"{Lit(map[f])}, {ValidationSql.RawValue(f, map[f])}"))}) AS VARCHAR)";
        var typed = schema.StoredFields.Select(f => $"{(map.ContainsKey(f) ? T(f) : $"CAST(NULL AS {f.DuckDbType})")} AS {Q(f.Name)}").ToList();
        var unique = stored.Where(f => f.Unique).ToList();
        var columns = string.Join(", ", schema.StoredFields.Select(f => Q(f.Name)));
        return new CheckPlan(normalised, typedLayer, ok, errors, raw, string.Join(", ", typed), columns, unique, map, rules.Count > 0);
    }

    /// <summary>
    /// Rows of this load whose unique value repeats an earlier record of the file, or a value already loaded from
    /// another file of the kind, move from the canonical table to <c>__dups</c> with their reason. Uniqueness needs
    /// every row, so it is checked on the loaded rows, inside the same transaction.
    /// </summary>
    private void FindDuplicates(DatasetSchema schema, CheckPlan plan, long loadId, IReadOnlyList<long> replacedLoads)
    {
        var parts = new List<string>();
        // Only values that repeat are ranked: ranking every row built each record's JSON first (a third of a second
        // on the demo's 250,000-row police extract, for no repeat at all).
        var others = $"load_id <> {loadId}" + (replacedLoads.Count == 0 ? "" : $" AND load_id NOT IN ({string.Join(",", replacedLoads)})");
        var record = $"CAST(json_object({string.Join(", ", plan.Map.Keys.Where(f => f.IsStored).Select(f => $"{Lit(plan.Map[f])}, {Q(f.Name)}"))}) AS VARCHAR)";
        var table = Q(schema.Table);
        foreach (var f in plan.Unique)
        {
            var c = Q(f.Name);
            var prefix = Lit($"'{plan.Map[f]}' value '");
            parts.Add($"""
                SELECT source_row AS __row, {Lit(plan.Map[f])} AS col, CAST({c} AS VARCHAR) AS raw, 'unique' AS rule,
                       {prefix} || {c} || chr(39) || ' repeats record ' || first || ' of this file' AS msg, rec AS raw_record
                FROM (SELECT source_row, {c}, {record} AS rec, row_number() OVER (PARTITION BY {c} ORDER BY source_row) AS dup,
                             min(source_row) OVER (PARTITION BY {c}) AS first
                      FROM {table} WHERE load_id = {loadId}
                        AND {c} IN (SELECT {c} FROM {table} WHERE load_id = {loadId} AND {c} IS NOT NULL GROUP BY ALL HAVING count(*) > 1)) WHERE dup > 1
                UNION ALL
                SELECT source_row, {Lit(plan.Map[f])}, CAST({c} AS VARCHAR), 'unique',
                       {prefix} || {c} || chr(39) || ' was already loaded from another file of this kind', {record}
                FROM {table} WHERE load_id = {loadId} AND {c} IN (SELECT {c} FROM {table} WHERE {others} AND {c} IS NOT NULL)
                """);
        }
        _store.Execute(parts.Count == 0
            ? "CREATE TEMP TABLE __dups (__row BIGINT, col VARCHAR, raw VARCHAR, rule VARCHAR, msg VARCHAR, raw_record VARCHAR)"
            : $"CREATE TEMP TABLE __dups AS {string.Join(" UNION ALL ", parts)}; DELETE FROM {table} WHERE load_id = {loadId} AND source_row IN (SELECT __row FROM __dups);");
    }

    /// <summary>True when <see cref="ReasonsSql"/> has a row: a failing row, a repeated record or a malformed line.</summary>
    private bool AnyReasons(bool malformed) =>
        _store.Scalar($"SELECT EXISTS (SELECT 1 FROM __failed) OR EXISTS (SELECT 1 FROM __dups){(malformed ? " OR EXISTS (SELECT 1 FROM __rej_recs)" : "")}") is true;

    /// <summary>Every reason for every rejected row: <c>(rec, line, col, raw, rule, msg, raw_record)</c>.</summary>
    private static string ReasonsSql(bool keepMalformedLines, bool malformed)
    {
        var sql = """
            SELECT __row AS rec, e.column AS col, e.raw AS raw, e.rule AS rule, e.message AS msg, __raw AS raw_record
            FROM (SELECT __row, __raw, unnest(__errors) AS e FROM __failed)
            UNION ALL
            SELECT __row, col, raw, rule, msg, raw_record FROM __dups
            """;
        // The line as written (a set-aside stray-quote line's original text), dropped if it holds an identifier.
        const string line = "coalesce(any_value(q.line_text), trim(any_value(csv_line), chr(10) || chr(13)))";
        if (malformed)
            sql += $"""

                UNION ALL
                SELECT r.rec, NULL, NULL, CASE WHEN any_value(q.msg) IS NULL THEN 'malformed-row' ELSE 'unterminated-quote' END,
                       coalesce(any_value(q.msg), string_agg(DISTINCT CASE WHEN error_type = 'INVALID ENCODING'
                           THEN 'invalid UTF-8: the record holds bytes that are not UTF-8 while the rest of the file is UTF-8; correct the characters on this line, or save the whole file as UTF-8'
                           ELSE error_type || ': ' || error_message END, '; ')),
                       {(keepMalformedLines ? $"CASE WHEN NOT {ValidationSql.HoldsIdentifier(line)} THEN {line} END" : "NULL")}
                FROM __rej_errors e JOIN __rej_recs r USING (line)
                LEFT JOIN __stray_quotes q ON regexp_extract(e.csv_line, '__na_unterminated_quote_[0-9]+__') = q.marker
                GROUP BY r.rec
                """;
        // The file line of each record: the record number plus the header, shifted by blank lines and quoted newlines before it.
        return $"""
            SELECT u.rec, u.rec + 1 + coalesce(m.extra, 0) AS line, u.col, u.raw, u.rule, u.msg, u.raw_record
            FROM ({sql}) u ASOF LEFT JOIN __line_map m ON u.rec >= m.r
            """;
    }

    private List<QuarantineIssue> SampleIssues(string reasons) =>
        _store.Query($"SELECT rec, line, col, raw, rule, msg FROM ({reasons}) ORDER BY rec, col NULLS FIRST LIMIT {IssueSampleSize}",
            r => new QuarantineIssue(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetString(5)));
}
