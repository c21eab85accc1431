namespace NeedsAssessment.Indicators;

/// <summary>One hidden count that <see cref="DisclosureAudit"/> could work out, or a published field that narrows one.</summary>
/// <param name="IndicatorId">Indicator.</param>
/// <param name="Level">Geography level.</param>
/// <param name="AreaCode">Area.</param>
/// <param name="PeriodType">Period type.</param>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="Breakdown">Offence subgroup, or null.</param>
/// <param name="Column">count or denominator (recovered), or the field that leaks.</param>
/// <param name="Value">The value worked out (recovered cells), or null for a leaking field.</param>
/// <param name="How">How it was found.</param>
/// <param name="Confirmed">True when the store's raw value agrees, false when it disagrees, null when no store was given.</param>
public sealed record DisclosureFinding(
    string IndicatorId, string Level, string AreaCode, string PeriodType, DateOnly PeriodStart, string? Breakdown,
    string Column, long? Value, string How, bool? Confirmed);
