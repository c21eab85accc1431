using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace NeedsAssessment.Store;

/// <summary>One column of a stage result table as its schema in <c>data-schemas/outputs</c> declares it.</summary>
/// <param name="Name">Column name (snake_case).</param>
/// <param name="Type">Frictionless type: string, integer, number, boolean, date or datetime.</param>
/// <param name="Description">What the column holds.</param>
/// <param name="Required">True when the schema's constraints say the column is never null.</param>
/// <param name="PersonalData">none, quasi-identifier or direct-identifier, as the input schemas mark their fields.</param>
public sealed record ResultField(string Name, string Type, string Description, bool Required, string PersonalData);

/// <summary>
/// The layout of one stage result table, read from its schema in <c>data-schemas/outputs</c> (embedded in the
/// library). The schema is the only place a result table's columns are written down: the typed writer and reader
/// below take column names, types and order from it.
/// </summary>
/// <param name="Table">Table name in the store.</param>
/// <param name="Title">Schema title.</param>
/// <param name="Fields">Columns in order.</param>
/// <param name="PrimaryKey">Columns the reader orders by (the schema's <c>primaryKey</c>).</param>
public sealed record ResultSchema(string Table, string Title, IReadOnlyList<ResultField> Fields, IReadOnlyList<string> PrimaryKey)
{
    private static readonly Lazy<IReadOnlyDictionary<string, ResultSchema>> Embedded = new(Load);

    /// <summary>Every result table schema shipped with the library, by table name.</summary>
    public static IReadOnlyDictionary<string, ResultSchema> All => Embedded.Value;

    /// <summary>The schema of <paramref name="table"/>.</summary>
    /// <exception cref="InvalidOperationException">No schema in data-schemas/outputs declares the table.</exception>
    public static ResultSchema Of(string table) =>
        All.TryGetValue(table, out var s) ? s : throw new InvalidOperationException($"No schema in data-schemas/outputs declares the result table '{table}'.");

    /// <summary>Parses one output schema document.</summary>
    public static ResultSchema Parse(string json, string origin)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var table = root.TryGetProperty("table", out var t) ? t.GetString() : null;
        if (string.IsNullOrEmpty(table)) throw new InvalidDataException($"Output schema {origin}: missing 'table'.");
        var fields = root.GetProperty("fields").EnumerateArray().Select(f => new ResultField(
            f.GetProperty("name").GetString()!,
            f.TryGetProperty("type", out var ty) ? ty.GetString()! : "string",
            f.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "",
            f.TryGetProperty("constraints", out var c) && c.TryGetProperty("required", out var r) && r.GetBoolean(),
            f.TryGetProperty("personalData", out var pd) ? pd.GetString() ?? "" : "")).ToList();
        foreach (var f in fields)
        {
            if (f.PersonalData is not ("none" or "quasi-identifier" or "direct-identifier"))
                throw new InvalidDataException($"Output schema {origin}: field '{f.Name}' must say personalData none, quasi-identifier or direct-identifier (has '{f.PersonalData}').");
            if (SqlType(f.Type) == "VARCHAR" && f.Type != "string")
                throw new InvalidDataException($"Output schema {origin}: field '{f.Name}' has unknown type '{f.Type}'.");
        }
        var key = root.TryGetProperty("primaryKey", out var pk)
            ? pk.ValueKind == JsonValueKind.Array ? pk.EnumerateArray().Select(x => x.GetString()!).ToList() : [pk.GetString()!]
            : new List<string>();
        return new ResultSchema(table, root.TryGetProperty("title", out var ti) ? ti.GetString() ?? table : table, fields, key);
    }

    private static IReadOnlyDictionary<string, ResultSchema> Load()
    {
        var asm = typeof(ResultSchema).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("data-schemas/outputs/", StringComparison.Ordinal) && n.EndsWith(".schema.json", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => SchemaCatalog.ReadResource(asm, n) is var json ? (Schema: Parse(json, n), Json: json) : default)
            .SelectMany(x => new[] { x.Schema }.Concat(SameLayout(x.Json).Select(t => x.Schema with { Table = t })))
            .ToDictionary(s => s.Table, StringComparer.Ordinal);
    }

    // A schema may declare further tables with the same columns (indicator_values_export is indicator_values after suppression).
    private static IEnumerable<string> SameLayout(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("sameLayoutTables", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
    }

    /// <summary>The DuckDB column type for a schema type.</summary>
    internal static string SqlType(string type) => type switch
    {
        "integer" => "BIGINT",
        "number" => "DOUBLE",
        "boolean" => "BOOLEAN",
        "date" => "DATE",
        "datetime" => "TIMESTAMP",
        _ => "VARCHAR",
    };

    /// <summary>
    /// Fails when the store's <see cref="Table"/> does not have exactly the schema's columns, in order, with its
    /// types, so a stage that builds its table in SQL cannot drift from the schema the readers and the docs trust.
    /// </summary>
    /// <exception cref="InvalidOperationException">The table differs from the schema (names the first difference).</exception>
    public void Verify(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var actual = store.Columns(Table);
        var expected = Fields.Select(f => (f.Name, Type: SqlType(f.Type))).ToList();
        static bool Same(string declared, string actual) => declared == actual || (declared == "BIGINT" && actual == "INTEGER");
        for (var i = 0; i < Math.Max(actual.Count, expected.Count); i++)
        {
            if (i >= actual.Count) throw new InvalidOperationException($"Result table '{Table}' lacks the column '{expected[i].Name}' its schema declares.");
            if (i >= expected.Count) throw new InvalidOperationException($"Result table '{Table}' has a column '{actual[i].Name}' its schema does not declare.");
            if (actual[i].Name != expected[i].Name || !Same(expected[i].Type, actual[i].Type))
                throw new InvalidOperationException($"Result table '{Table}' column {i + 1} is {actual[i].Name} {actual[i].Type}; its schema declares {expected[i].Name} {expected[i].Type}.");
        }
    }
}

/// <summary>
/// The one typed writer and reader of a stage result table: rows are records of <typeparamref name="T"/> whose
/// constructor parameters are the schema's columns (PascalCase for snake_case), so a column added to the schema
/// and not to the record, or the other way round, fails on first use rather than writing a table nobody declared.
/// </summary>
/// <typeparam name="T">Row record; its primary constructor lists every column of the schema.</typeparam>
public static class ResultTable<T> where T : class
{
    private static readonly ConcurrentDictionary<string, Mapping> Mappings = new(StringComparer.Ordinal);

    private sealed record Mapping(ResultSchema Schema, ConstructorInfo Constructor, Func<T, object?>[] Getters, Type[] Types);

    /// <summary>Replaces <paramref name="table"/> in the store with <paramref name="rows"/>, columns as the schema declares.</summary>
    public static void Write(AssessmentStore store, string table, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rows);
        var m = Map(table);
        var cols = string.Join(", ", m.Schema.Fields.Select(f => $"{AssessmentStore.Quote(f.Name)} {ResultSchema.SqlType(f.Type)}{(f.Required ? " NOT NULL" : "")}"));
        store.Execute($"CREATE OR REPLACE TABLE {AssessmentStore.Quote(table)} ({cols})");
        using var appender = store.Connection.CreateAppender(table);
        foreach (var row in rows)
        {
            var r = appender.CreateRow();
            for (var i = 0; i < m.Getters.Length; i++) Append(r, m.Types[i], m.Getters[i](row));
            r.EndRow();
        }
    }

    /// <summary>Reads <paramref name="table"/> in primary-key order; an empty list when the stage has not written it.</summary>
    public static IReadOnlyList<T> Read(AssessmentStore store, string table)
    {
        ArgumentNullException.ThrowIfNull(store);
        var m = Map(table);
        if (!store.TableExists(table)) return [];
        var order = m.Schema.PrimaryKey.Count > 0 ? " ORDER BY " + string.Join(", ", m.Schema.PrimaryKey.Select(AssessmentStore.Quote)) : "";
        var sql = $"SELECT {string.Join(", ", m.Schema.Fields.Select(f => AssessmentStore.Quote(f.Name)))} FROM {AssessmentStore.Quote(table)}{order}";
        return store.Query(sql, r => (T)m.Constructor.Invoke(Enumerable.Range(0, m.Types.Length).Select(i => Get(r, i, m.Types[i])).ToArray()));
    }

    private static Mapping Map(string table) => Mappings.GetOrAdd(table, t =>
    {
        var schema = ResultSchema.Of(t);
        var ctor = typeof(T).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = ctor.GetParameters();
        var names = parameters.Select(p => p.GetCustomAttribute<ResultColumnAttribute>()?.Name ?? Snake(p.Name!)).ToList();
        var declared = schema.Fields.Select(f => f.Name).ToList();
        if (!names.SequenceEqual(declared, StringComparer.Ordinal))
            throw new InvalidOperationException($"{typeof(T).Name} ({string.Join(", ", names)}) does not match the columns its schema declares for '{t}' ({string.Join(", ", declared)}).");
        var props = parameters.Select(p => typeof(T).GetProperty(p.Name!) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {p.Name}.")).ToArray();
        var types = parameters.Select(p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).ToArray();
        for (var i = 0; i < types.Length; i++)
        {
            var expected = schema.Fields[i].Type switch
            {
                "integer" => new[] { typeof(long), typeof(int) },
                "number" => [typeof(double)],
                "boolean" => [typeof(bool)],
                "date" => [typeof(DateOnly)],
                "datetime" => [typeof(DateTime)],
                _ => [typeof(string)],
            };
            if (!expected.Contains(types[i]))
                throw new InvalidOperationException($"{typeof(T).Name}.{parameters[i].Name} is {types[i].Name} but '{t}.{schema.Fields[i].Name}' is declared {schema.Fields[i].Type}.");
        }
        return new Mapping(schema, ctor, props.Select(Getter).ToArray(), types);
    });

    /// <summary>
    /// The property's getter as a delegate over the row: PropertyInfo.GetValue makes the runtime emit and compile an
    /// invoke stub for each property it is called on twice (two hundred in a run, each compiled with full optimisation),
    /// where a delegate calls the precompiled getter. Only the column types <see cref="Map"/> accepts occur.
    /// </summary>
    private static Func<T, object?> Getter(PropertyInfo p)
    {
        var get = p.GetMethod ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no getter.");
        var t = p.PropertyType;
        if (t == typeof(string)) return Boxed(get.CreateDelegate<Func<T, string?>>());
        if (t == typeof(long)) return Boxed(get.CreateDelegate<Func<T, long>>());
        if (t == typeof(long?)) return Boxed(get.CreateDelegate<Func<T, long?>>());
        if (t == typeof(int)) return Boxed(get.CreateDelegate<Func<T, int>>());
        if (t == typeof(int?)) return Boxed(get.CreateDelegate<Func<T, int?>>());
        if (t == typeof(double)) return Boxed(get.CreateDelegate<Func<T, double>>());
        if (t == typeof(double?)) return Boxed(get.CreateDelegate<Func<T, double?>>());
        if (t == typeof(bool)) return Boxed(get.CreateDelegate<Func<T, bool>>());
        if (t == typeof(bool?)) return Boxed(get.CreateDelegate<Func<T, bool?>>());
        if (t == typeof(DateTime)) return Boxed(get.CreateDelegate<Func<T, DateTime>>());
        if (t == typeof(DateTime?)) return Boxed(get.CreateDelegate<Func<T, DateTime?>>());
        if (t == typeof(DateOnly)) return Boxed(get.CreateDelegate<Func<T, DateOnly>>());
        if (t == typeof(DateOnly?)) return Boxed(get.CreateDelegate<Func<T, DateOnly?>>());
        throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is {t.Name}, not a column type.");
    }

    private static Func<T, object?> Boxed<TValue>(Func<T, TValue> get) => row => get(row);

    /// <summary>"PeriodStart" -> "period_start"; digits stay with the word before them ("Lower95" -> "lower95").</summary>
    internal static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static void Append(IDuckDBAppenderRow r, Type type, object? value)
    {
        if (type == typeof(string)) r.AppendValue((string?)value);
        else if (type == typeof(long)) r.AppendValue((long?)value);
        else if (type == typeof(int)) r.AppendValue(value is null ? null : (long?)(int)value);
        // NaN and infinities are not values a CSV reader or a chart can use: stored as NULL.
        else if (type == typeof(double)) r.AppendValue(value is double d && double.IsFinite(d) ? d : null);
        else if (type == typeof(bool)) r.AppendValue((bool?)value);
        else if (type == typeof(DateTime)) r.AppendValue((DateTime?)value);
        else r.AppendValue((DateOnly?)value);
    }

    private static object? Get(DbDataReader r, int i, Type type)
    {
        if (r.IsDBNull(i)) return null;
        if (type == typeof(string)) return r.GetString(i);
        if (type == typeof(long)) return r.GetInt64(i);
        if (type == typeof(int)) return (int)r.GetInt64(i);
        if (type == typeof(double)) return r.GetDouble(i);
        if (type == typeof(bool)) return r.GetBoolean(i);
        if (type == typeof(DateTime)) return r.GetDateTime(i);
        return DateOnly.FromDateTime(r.GetDateTime(i));
    }
}
