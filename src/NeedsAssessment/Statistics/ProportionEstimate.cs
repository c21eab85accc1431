namespace NeedsAssessment.Statistics;

/// <summary>A proportion (scaled by <see cref="Multiplier"/>, e.g. 100 for a percentage) with its interval.</summary>
/// <param name="Value">Numerator / Denominator × Multiplier.</param>
/// <param name="Lower">Lower confidence limit, same scale as Value.</param>
/// <param name="Upper">Upper confidence limit, same scale as Value.</param>
/// <param name="Confidence">Two-sided confidence level.</param>
/// <param name="Method">"wilson".</param>
/// <param name="Numerator">Number of cases with the characteristic.</param>
/// <param name="Denominator">Number of cases in the sample.</param>
/// <param name="Multiplier">1 for a fraction, 100 for a percentage.</param>
public sealed record ProportionEstimate(
    double Value,
    double Lower,
    double Upper,
    double Confidence,
    string Method,
    double Numerator,
    double Denominator,
    double Multiplier);
