using System.Data.Common;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>
/// One row of <c>indicator_values</c>: an indicator for one area and period, in the Fingertips shape (count,
/// denominator, value, 95% and 99.8% limits, method actually used, benchmark comparison and a reason where
/// there is no value). Charts and the report read these rather than writing SQL.
/// </summary>
public sealed record IndicatorValue
{
    /// <summary>Catalogue id of the indicator.</summary>
    public required string IndicatorId { get; init; }

    /// <summary>prevalence, severity or impact.</summary>
    public required string Domain { get; init; }

    /// <summary>Geography level (see <see cref="IndicatorLevels"/>).</summary>
    public required string Level { get; init; }

    /// <summary>Area code (LSOA, ward, district, hub or partnership code).</summary>
    public required string AreaCode { get; init; }

    /// <summary>Area name.</summary>
    public string? AreaName { get; init; }

    /// <summary>Period type (see <see cref="PeriodTypes"/>).</summary>
    public required string PeriodType { get; init; }

    /// <summary>First day of the period.</summary>
    public required DateOnly PeriodStart { get; init; }

    /// <summary>Last day of the period (inclusive).</summary>
    public required DateOnly PeriodEnd { get; init; }

    /// <summary>Events or people counted (for harm measures, the number of events whose harm is summed); null when suppressed.</summary>
    public long? Count { get; init; }

    /// <summary>Population × years, event count, or cohort size; null when suppressed or not applicable.</summary>
    public double? Denominator { get; init; }

    /// <summary>Scale of the value (1000 = per 1,000; 100 = percentage).</summary>
    public required double Multiplier { get; init; }

    /// <summary>The indicator value; null when not given (see <see cref="Note"/>) or suppressed.</summary>
    public double? Value { get; init; }

    /// <summary>Lower 95% confidence limit.</summary>
    public double? Lower95 { get; init; }

    /// <summary>Upper 95% confidence limit.</summary>
    public double? Upper95 { get; init; }

    /// <summary>Lower 99.8% confidence limit.</summary>
    public double? Lower998 { get; init; }

    /// <summary>Upper 99.8% confidence limit.</summary>
    public double? Upper998 { get; init; }

    /// <summary>Interval method actually used for this row: exact, byars, wilson, dobson, normal, log normal, wls regression, none.</summary>
    public required string Method { get; init; }

    /// <summary>Benchmark the row was compared with (the partnership's value, or a user-supplied value).</summary>
    public double? BenchmarkValue { get; init; }

    /// <summary>higher, similar, lower or not compared, at 95%.</summary>
    public required string Comparison95 { get; init; }

    /// <summary>higher, similar, lower or not compared, at 99.8%.</summary>
    public required string Comparison998 { get; init; }

    /// <summary>True when the export's suppression policy hid the count and value.</summary>
    public bool Suppressed { get; init; }

    /// <summary>Why there is no value, how to read it, or why it was suppressed; otherwise null.</summary>
    public string? Note { get; init; }

    /// <summary>Reads rows from the store, ordered by indicator, level, area and period.</summary>
    /// <param name="store">Store holding <c>indicator_values</c> (run <see cref="IndicatorEngine.Compute"/> first).</param>
    /// <param name="filter">Which rows; null = all.</param>
    public static IReadOnlyList<IndicatorValue> Read(AssessmentStore store, IndicatorFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        filter ??= new IndicatorFilter();
        if (!store.TableExists(filter.Table))
            throw new UserErrorException($"Store '{store.Path}' has no {filter.Table} table. Compute indicators first (IndicatorEngine.Compute), and export them for indicator_values_export.");
        var sql = $"SELECT {string.Join(", ", IndicatorTable.Columns)} FROM {AssessmentStore.Quote(filter.Table)} {filter.Where()} " +
                  "ORDER BY indicator_id, level, area_code, period_type, period_start";
        return store.Query(sql, FromReader);
    }

    internal static IndicatorValue FromReader(DbDataReader r)
    {
        double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new IndicatorValue
        {
            IndicatorId = r.GetString(0),
            Domain = r.GetString(1),
            Level = r.GetString(2),
            AreaCode = r.GetString(3),
            AreaName = S(4),
            PeriodType = r.GetString(5),
            PeriodStart = DateOnly.FromDateTime(r.GetDateTime(6)),
            PeriodEnd = DateOnly.FromDateTime(r.GetDateTime(7)),
            Count = r.IsDBNull(8) ? null : r.GetInt64(8),
            Denominator = D(9),
            Multiplier = r.GetDouble(10),
            Value = D(11),
            Lower95 = D(12),
            Upper95 = D(13),
            Lower998 = D(14),
            Upper998 = D(15),
            Method = r.GetString(16),
            BenchmarkValue = D(17),
            Comparison95 = r.GetString(18),
            Comparison998 = r.GetString(19),
            Suppressed = r.GetBoolean(20),
            Note = S(21),
        };
    }
}
