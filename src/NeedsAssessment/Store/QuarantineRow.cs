namespace NeedsAssessment.Store;

/// <summary>A rejected source row and one reason, as kept in the <c>quarantine</c> table.</summary>
/// <param name="LoadId">Load the row came from.</param>
/// <param name="FileName">File the row came from.</param>
/// <param name="Record">Record number in the file (1 = first row after the header).</param>
/// <param name="Line">Line number in the file, where known.</param>
/// <param name="Column">Published column name, or null for a whole-row problem.</param>
/// <param name="RawValue">Value as read.</param>
/// <param name="Rule">Rule broken.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="RawRecord">The whole record as read (JSON object, or the raw line for malformed rows), direct identifiers excluded.</param>
public sealed record QuarantineRow(long LoadId, string FileName, long Record, long? Line, string? Column, string? RawValue, string Rule, string Message, string? RawRecord)
{
    /// <summary>Reads quarantined rows, optionally for one load, in file and record order.</summary>
    public static IReadOnlyList<QuarantineRow> Read(AssessmentStore store, long? loadId = null, int limit = 1000) =>
        store.Query($"""
            SELECT q.load_id, l.file_name, q.source_row, q.source_line, q.column_name, q.raw_value, q.rule, q.message, q.raw_record
            FROM quarantine q JOIN loads l USING (load_id)
            {(loadId is null ? "" : $"WHERE q.load_id = {loadId}")}
            ORDER BY q.load_id, q.source_row, q.column_name NULLS FIRST LIMIT {limit}
            """, r => new QuarantineRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt64(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)));
}
