namespace NeedsAssessment.Statistics;

/// <summary>A crude rate per <see cref="Multiplier"/> with its confidence interval.</summary>
/// <param name="Value">Rate = Count / Denominator × Multiplier.</param>
/// <param name="Lower">Lower confidence limit on the rate scale.</param>
/// <param name="Upper">Upper confidence limit on the rate scale.</param>
/// <param name="Confidence">Two-sided confidence level, e.g. 0.95.</param>
/// <param name="Method">"exact" (count &lt; 10) or "byars".</param>
/// <param name="Count">Observed count (numerator).</param>
/// <param name="Denominator">Population or person-time.</param>
/// <param name="Multiplier">Scale of the rate, e.g. 100000 for "per 100,000".</param>
/// <param name="Note">Why a value is missing or qualified, otherwise null.</param>
public sealed record RateEstimate(
    double Value,
    double Lower,
    double Upper,
    double Confidence,
    string Method,
    double Count,
    double Denominator,
    double Multiplier,
    string? Note = null);
