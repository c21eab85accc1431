using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>Layout of the <c>indicator_values</c> table (and of its CSV and Parquet exports).</summary>
public static class IndicatorTable
{
    /// <summary>Name of the raw (unsuppressed) table.</summary>
    public const string Name = "indicator_values";

    /// <summary>Name of the table holding the last export, after suppression.</summary>
    public const string ExportName = "indicator_values_export";

    /// <summary>The columns, in order, as data-schemas/outputs/indicator-values.schema.json declares them. Consumers may rely on exactly these.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. ResultSchema.Of(Name).Fields.Select(f => f.Name)];

    private static readonly string[] Types =
        [.. ResultSchema.Of(Name).Fields.Select(f => ResultSchema.SqlType(f.Type) + (f.Required ? " NOT NULL" : ""))];

    internal static void Write(AssessmentStore store, string table, IEnumerable<IndicatorValue> rows)
    {
        var cols = string.Join(",\n  ", Columns.Select((c, i) => $"{AssessmentStore.Quote(c)} {Types[i]}"));
        store.Execute($"CREATE OR REPLACE TABLE {AssessmentStore.Quote(table)} (\n  {cols})");
        using var appender = store.Connection.CreateAppender(table);
        foreach (var v in rows)
        {
            appender.CreateRow()
                .AppendValue(v.IndicatorId)
                .AppendValue(v.Domain)
                .AppendValue(v.Level)
                .AppendValue(v.AreaCode)
                .AppendValue(v.AreaName)
                .AppendValue(v.PeriodType)
                .AppendValue((DateOnly?)v.PeriodStart)
                .AppendValue((DateOnly?)v.PeriodEnd)
                .AppendValue(v.Count)
                .AppendValue(Finite(v.Denominator))
                .AppendValue((double?)v.Multiplier)
                .AppendValue(Finite(v.Value))
                .AppendValue(Finite(v.Lower95))
                .AppendValue(Finite(v.Upper95))
                .AppendValue(Finite(v.Lower998))
                .AppendValue(Finite(v.Upper998))
                .AppendValue(v.Method)
                .AppendValue(Finite(v.BenchmarkValue))
                .AppendValue(v.Comparison95)
                .AppendValue(v.Comparison998)
                .AppendValue((bool?)v.Suppressed)
                .AppendValue(v.Note)
                .EndRow();
        }
    }

    // NaN and infinities are not values a CSV reader or a chart can use; store them as NULL.
    private static double? Finite(double? x) => x is { } d && double.IsFinite(d) ? d : null;
}
