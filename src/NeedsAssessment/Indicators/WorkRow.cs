namespace NeedsAssessment.Indicators;

/// <summary>An output row while it is being computed, with what benchmarking and grouping need.</summary>
internal sealed class WorkRow
{
    public required IndicatorValue Value { get; set; }

    public string? PartnershipCode { get; init; }

    /// <summary>Optional breakdown within an area (offence subgroup for severity_volume).</summary>
    public string? Breakdown { get; init; }

    /// <summary>True when the row carries a confidence interval that can be compared with a benchmark.</summary>
    public bool HasInterval => Value.Lower95 is { } l && Value.Upper95 is { } u && double.IsFinite(l) && double.IsFinite(u);
}
