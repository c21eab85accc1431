using System.Data;
using System.Data.Common;
using DuckDB.NET.Data;

namespace NeedsAssessment.Store;

/// <summary>
/// The assessment store: one DuckDB file holding a canonical table per dataset kind, the <c>loads</c> log,
/// the <c>quarantine</c> of rejected rows, and every later stage's results. DuckDB is the set engine:
/// aggregate here in SQL and hand only results to C#.
/// </summary>
public sealed class AssessmentStore : IDisposable
{
    /// <summary>Layout version of the store's own tables. A store made by another version is migrated or refused.</summary>
    public const int StoreSchemaVersion = 1;

    /// <summary>Default file name of the store in the working folder.</summary>
    public const string DefaultPath = "assessment.duckdb";

    private readonly DuckDBConnection _connection;

    /// <summary>Path of the store file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>The schemas the store was opened with.</summary>
    public SchemaCatalog Schemas { get; }

    /// <summary>True when opened read-only (the <c>sql</c> command and notebooks exploring a finished run).</summary>
    public bool ReadOnly { get; }

    private AssessmentStore(DuckDBConnection connection, string path, SchemaCatalog schemas, bool readOnly)
    {
        _connection = connection;
        Path = path;
        Schemas = schemas;
        ReadOnly = readOnly;
    }

    /// <summary>The open DuckDB connection, for stages that run their own SQL.</summary>
    public DuckDBConnection Connection => _connection;

    /// <summary>
    /// Opens (creating when absent) a store file. Pass <c>:memory:</c> for a throw-away store.
    /// </summary>
    /// <param name="path">Store file; defaults to <c>./assessment.duckdb</c>.</param>
    /// <param name="schemas">Dataset schemas; defaults to the embedded ones.</param>
    /// <param name="readOnly">Open without write access; the file must exist.</param>
    /// <param name="limits">DuckDB's memory limit and spill folder; <see cref="StoreLimits.Default"/> when null.</param>
    public static AssessmentStore Open(string? path = null, SchemaCatalog? schemas = null, bool readOnly = false, StoreLimits? limits = null)
    {
        path ??= DefaultPath;
        schemas ??= SchemaCatalog.Default;
        var memory = path == ":memory:";
        if (readOnly && !memory && !File.Exists(path))
            throw new UserErrorException($"Store '{path}' does not exist. Load data first with 'needs-assessment ingest <kind> <files> --db {path}'.");
        if (!memory)
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        var cs = $"Data Source={path}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : "");
        var connection = new DuckDBConnection(cs);
        try
        {
            connection.Open();
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw new UserErrorException($"Cannot open store '{path}': {ex.Message}", ex);
        }
        var store = new AssessmentStore(connection, path, schemas, readOnly);
        try
        {
            store.ApplyLimits(limits ?? StoreLimits.Default);
            store.EnsureLayout();
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    private void ApplyLimits(StoreLimits limits)
    {
        Execute($"SET memory_limit = {Literal(limits.EffectiveMemoryLimit)}");
        if (limits.TempDirectory is not null)
        {
            Directory.CreateDirectory(limits.TempDirectory);
            Execute($"SET temp_directory = {Literal(limits.TempDirectory)}");
        }
    }

    /// <summary>The store's own tables, made in the transaction that makes a new store.</summary>
    private const string CoreLayoutSql = """
        CREATE TABLE IF NOT EXISTS store_info (version INTEGER NOT NULL, created_by VARCHAR NOT NULL);
        CREATE SEQUENCE IF NOT EXISTS load_id_seq START 1;
        CREATE TABLE IF NOT EXISTS loads (
            load_id BIGINT PRIMARY KEY,
            kind VARCHAR NOT NULL,
            file_name VARCHAR NOT NULL,
            file_path VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            bytes BIGINT NOT NULL,
            rows_read BIGINT NOT NULL,
            rows_loaded BIGINT NOT NULL,
            rows_quarantined BIGINT NOT NULL,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP NOT NULL,
            status VARCHAR NOT NULL,
            tool_version VARCHAR NOT NULL,
            schema_version VARCHAR NOT NULL,
            notes VARCHAR,
            repeated_keys BIGINT NOT NULL DEFAULT 0);
        -- Stores made before record keys were counted gain the column (0 for their loads).
        ALTER TABLE loads ADD COLUMN IF NOT EXISTS repeated_keys BIGINT DEFAULT 0;
        CREATE TABLE IF NOT EXISTS quarantine (
            load_id BIGINT NOT NULL,
            source_row BIGINT NOT NULL,
            source_line BIGINT,
            column_name VARCHAR,
            raw_value VARCHAR,
            rule VARCHAR NOT NULL,
            message VARCHAR NOT NULL,
            raw_record VARCHAR);
        """;

    /// <remarks>
    /// The layout is read from the catalogue once, and only what is missing is made, in one batch: a store that already
    /// has every table and column (every store the tool opens again: each stage of a run, each CLI command, each
    /// notebook) runs no DDL and opens no transaction. Made one statement at a time in a transaction on every open,
    /// the layout cost about 45 ms of CPU per open, several times DuckDB's own open.
    /// </remarks>
    private void EnsureLayout()
    {
        // duckdb_columns() rather than information_schema.columns: the same rows from the catalogue, without the view's joins.
        var existing = Query(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal",
            r => (Table: r.GetString(0), Column: r.GetString(1))).ToHashSet();
        var tables = existing.Select(c => c.Table).ToHashSet(StringComparer.Ordinal);
        var version = tables.Contains("store_info") ? ScalarOrNull("SELECT max(version) FROM store_info") : null;
        if (version is not null)
        {
            var v = Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture);
            if (v > StoreSchemaVersion)
                throw new UserErrorException(
                    $"Store '{Path}' was made by a newer NeedsAssessment (store layout {v}; this tool understands up to {StoreSchemaVersion}). Upgrade the tool, or start a new store with --db <new file>.");
            if (v < StoreSchemaVersion)
                throw new UserErrorException(
                    $"Store '{Path}' has store layout {v}, which this tool ({StoreSchemaVersion}) cannot migrate. Re-create it by ingesting the source files into a new --db file.");
        }
        if (ReadOnly)
        {
            if (version is null)
                throw new UserErrorException($"'{Path}' is not a NeedsAssessment store (no store_info table).");
            return;
        }

        var ddl = new List<string>();
        if (version is null || !tables.Contains("loads") || !tables.Contains("quarantine") || !existing.Contains(("loads", "repeated_keys")))
            ddl.Add(CoreLayoutSql);
        if (version is null)
            ddl.Add($"INSERT INTO store_info VALUES ({StoreSchemaVersion}, 'NeedsAssessment {EngineInfo.Version}');");
        // A store made by an earlier version lacks the columns its schemas have gained since (an optional column such as the
        // force extract's offence subcode): they are added, empty for the rows already loaded, so every reader finds them.
        foreach (var schema in Schemas.All)
        {
            if (!tables.Contains(schema.Table))
            {
                var cols = string.Join(",\n    ", schema.StoredFields.Select(f => $"{Quote(f.Name)} {f.DuckDbType}"));
                ddl.Add($"CREATE TABLE IF NOT EXISTS {Quote(schema.Table)} (\n    load_id BIGINT NOT NULL,\n    source_row BIGINT NOT NULL,\n    {cols});");
                continue;
            }
            foreach (var f in schema.StoredFields.Where(f => !existing.Contains((schema.Table, f.Name))))
                ddl.Add($"ALTER TABLE {Quote(schema.Table)} ADD COLUMN {Quote(f.Name)} {f.DuckDbType};");
        }
        if (ddl.Count == 0) return;
        using var tx = _connection.BeginTransaction();
        Execute(string.Join("\n", ddl));
        tx.Commit();
    }

    /// <summary>True when a table or view of that name exists (the store's own, or a temporary one of this connection).</summary>
    public bool TableExists(string name) => Columns(name).Count > 0;

    /// <summary>
    /// The columns of a table or view, in order, with their DuckDB types (as <c>information_schema.columns</c> names
    /// them); empty when there is no such table.
    /// </summary>
    /// <remarks>
    /// Asked of the catalogue by name (<c>pragma_table_info</c>), not through <c>information_schema</c>: its views
    /// describe every table of the store to answer for one (about 3 ms a question on the real example's hundred tables,
    /// and a run asks a few hundred times), where the lookup by name takes a tenth of that. A name the catalogue does
    /// not know is a catalogue error, which leaves a transaction open as it was.
    /// </remarks>
    public List<(string Name, string Type)> Columns(string table)
    {
        try
        {
            return Query($"SELECT name, type FROM pragma_table_info({Literal(table)}) ORDER BY cid", r => (r.GetString(0), r.GetString(1)));
        }
        catch (DuckDBException ex) when (ex.Message.StartsWith("Catalog Error", StringComparison.Ordinal))
        {
            return [];
        }
    }

    /// <summary>Runs SQL that returns nothing.</summary>
    public int Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    /// <summary>Runs SQL and returns the first column of the first row.</summary>
    public object Scalar(string sql) =>
        ScalarOrNull(sql) ?? throw new InvalidOperationException($"Query returned no value: {sql}");

    /// <summary>Runs SQL and returns the first column of the first row, or null.</summary>
    public object? ScalarOrNull(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    /// <summary>Runs a query and hands back a reader; dispose it before the next command.</summary>
    public DbDataReader Query(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteReader(CommandBehavior.Default);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<DbDataReader, T> map)
    {
        using var reader = Query(sql);
        var list = new List<T>();
        while (reader.Read()) list.Add(map(reader));
        return list;
    }

    /// <summary>Quotes an identifier for DuckDB.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes a string literal for DuckDB.</summary>
    public static string Literal(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// A second connection to this open store (same database, its own transactions and temp tables), for work that runs
    /// beside this connection's on another thread; dispose it before this store.
    /// </summary>
    /// <remarks>
    /// DuckDB.NET duplicates only in-memory connections; a file opened again in the same process shares the open
    /// database (its settings, such as the memory limit, included), so the file is opened again without applying limits.
    /// </remarks>
    public AssessmentStore Duplicate()
    {
        if (Path == ":memory:")
        {
            // DuckDB.NET hands the duplicate of an in-memory database back closed; opened, it shares that database.
            var duplicate = _connection.Duplicate();
            if (duplicate.State != System.Data.ConnectionState.Open) duplicate.Open();
            return new(duplicate, Path, Schemas, ReadOnly);
        }
        var connection = new DuckDBConnection($"Data Source={Path}" + (ReadOnly ? ";ACCESS_MODE=READ_ONLY" : ""));
        connection.Open();
        return new(connection, Path, Schemas, ReadOnly);
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
