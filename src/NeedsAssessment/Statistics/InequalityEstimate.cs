namespace NeedsAssessment.Statistics;

/// <summary>Slope and relative indices of inequality across deprivation quantiles, with intervals.</summary>
/// <param name="Sii">Slope index of inequality: fitted value at ridit 1 minus fitted value at ridit 0.</param>
/// <param name="SiiLower">Lower confidence limit of the SII.</param>
/// <param name="SiiUpper">Upper confidence limit of the SII.</param>
/// <param name="Rii">Relative index of inequality, SII / population-weighted mean value.</param>
/// <param name="RiiLower">SII lower limit / mean (the mean treated as fixed), or the simulated percentile.</param>
/// <param name="RiiUpper">SII upper limit / mean.</param>
/// <param name="Intercept">Fitted value at ridit 0 (the first quantile's end of the scale).</param>
/// <param name="WeightedMean">Population-weighted mean of the quantile values.</param>
/// <param name="Quantiles">Number of quantiles used.</param>
/// <param name="Confidence">Two-sided confidence level.</param>
/// <param name="Method">"wls regression (t interval)" or "wls regression (simulated interval, …)".</param>
public sealed record InequalityEstimate(
    double Sii,
    double SiiLower,
    double SiiUpper,
    double Rii,
    double RiiLower,
    double RiiUpper,
    double Intercept,
    double WeightedMean,
    int Quantiles,
    double Confidence,
    string Method);
