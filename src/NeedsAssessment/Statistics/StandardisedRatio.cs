namespace NeedsAssessment.Statistics;

/// <summary>An indirectly standardised ratio (observed / expected × <see cref="Multiplier"/>) with its interval.</summary>
/// <param name="Value">Observed / Expected × Multiplier (e.g. 100 for an SMR-style ratio).</param>
/// <param name="Lower">Lower confidence limit, same scale.</param>
/// <param name="Upper">Upper confidence limit, same scale.</param>
/// <param name="Confidence">Two-sided confidence level.</param>
/// <param name="Method">"exact" (observed &lt; 10) or "byars".</param>
/// <param name="Observed">Observed count.</param>
/// <param name="Expected">Expected count from reference rates.</param>
/// <param name="Multiplier">1 for a ratio, 100 for the usual "per 100" presentation.</param>
public sealed record StandardisedRatio(
    double Value,
    double Lower,
    double Upper,
    double Confidence,
    string Method,
    double Observed,
    double Expected,
    double Multiplier);
