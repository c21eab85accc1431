using System.Data.Common;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace NeedsAssessment.Store;

/// <summary>
/// An analyst's ad-hoc SQL over a store, read-only for real: the store is opened read-only, DuckDB's
/// <c>enable_external_access</c> is switched off and the configuration locked (so no ATTACH, COPY ... TO,
/// read_csv/read_text/glob of other files, extension loading, or SET that turns it back on), and exactly one
/// statement runs per call (a second statement's error can't be lost behind the first one's result).
/// </summary>
public static class AdHocQuery
{
    /// <summary>Runs <paramref name="sql"/> and returns its column names and rows; DuckDB errors become user errors.</summary>
    /// <exception cref="UserErrorException">The store is writable, the text holds other than one statement, or DuckDB refuses it.</exception>
    public static (IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows) Run(AssessmentStore store, string sql)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.ReadOnly) throw new InvalidOperationException("Ad-hoc SQL runs only over a store opened read-only.");
        Lockdown(store.Connection);
        var statements = CountStatements(store.Connection, sql);
        if (statements != 1)
            throw new UserErrorException($"SQL error: 'sql' runs exactly one statement per call, and this text holds {statements}. Run each statement in its own call.");
        try
        {
            using var cmd = store.Connection.CreateCommand();
            cmd.CommandText = sql;
            using var reader = cmd.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var values = new object?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(values);
            }
            return (names, rows);
        }
        catch (DuckDBException ex)
        {
            var first = ex.Message.Split('\n')[0].TrimEnd();
            var hint = first.Contains("disabled by configuration", StringComparison.Ordinal) || first.Contains("has been locked", StringComparison.Ordinal)
                ? ". 'sql' reads only the store's own tables: it cannot read or write other files, attach databases or change settings."
                : "";
            throw new UserErrorException($"SQL error: {first}{hint}", ex);
        }
    }

    private static void Lockdown(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SET enable_external_access = false; SET lock_configuration = true;";
        cmd.ExecuteNonQuery();
    }

    /// <summary>How many statements DuckDB's own parser finds (a parse error counts as one, so DuckDB reports it).</summary>
    private static int CountStatements(DuckDBConnection connection, string sql)
    {
        var count = NativeMethods.ExtractStatements.DuckDBExtractStatements(connection.NativeConnection, sql, out var extracted);
        using (extracted)
        {
            if (count == 0 && !string.IsNullOrEmpty(NativeMethods.ExtractStatements.DuckDBExtractStatementsError(extracted))) return 1;
            return count;
        }
    }
}
