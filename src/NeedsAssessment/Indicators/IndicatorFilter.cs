namespace NeedsAssessment.Indicators;

/// <summary>Selects rows for <see cref="IndicatorValue.Read"/>; each null property matches everything.</summary>
public sealed record IndicatorFilter
{
    /// <summary>Only this indicator.</summary>
    public string? IndicatorId { get; init; }

    /// <summary>Only this domain (prevalence, severity, impact).</summary>
    public string? Domain { get; init; }

    /// <summary>Only this geography level.</summary>
    public string? Level { get; init; }

    /// <summary>Only this area.</summary>
    public string? AreaCode { get; init; }

    /// <summary>Only this period type.</summary>
    public string? PeriodType { get; init; }

    /// <summary>Only periods starting on this date.</summary>
    public DateOnly? PeriodStart { get; init; }

    /// <summary>Table to read: <c>indicator_values</c> (raw, default) or <c>indicator_values_export</c> (after suppression).</summary>
    public string Table { get; init; } = IndicatorTable.Name;

    internal string Where()
    {
        var parts = new List<string>();
        void Add(string column, string? value)
        {
            if (value is not null) parts.Add($"{column} = {Store.AssessmentStore.Literal(value)}");
        }
        Add("indicator_id", IndicatorId);
        Add("domain", Domain);
        Add("level", Level);
        Add("area_code", AreaCode);
        Add("period_type", PeriodType);
        if (PeriodStart is { } d) parts.Add($"period_start = DATE '{d:yyyy-MM-dd}'");
        return parts.Count == 0 ? "" : "WHERE " + string.Join(" AND ", parts);
    }
}
