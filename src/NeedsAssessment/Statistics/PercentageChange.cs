namespace NeedsAssessment.Statistics;

/// <summary>Change in rate between a baseline and a later period, as a rate ratio and a percentage.</summary>
/// <param name="RateRatio">(O₂/n₂) / (O₁/n₁): later rate over baseline rate.</param>
/// <param name="RatioLower">Lower confidence limit of the rate ratio.</param>
/// <param name="RatioUpper">Upper confidence limit (infinite when the baseline count is 0).</param>
/// <param name="Percent">100 (RateRatio − 1).</param>
/// <param name="PercentLower">100 (RatioLower − 1).</param>
/// <param name="PercentUpper">100 (RatioUpper − 1).</param>
/// <param name="Confidence">Two-sided confidence level.</param>
/// <param name="Method">"exact conditional binomial (clopper-pearson)".</param>
/// <param name="Note">Why the estimate is missing or unbounded, otherwise null.</param>
public sealed record PercentageChange(
    double RateRatio,
    double RatioLower,
    double RatioUpper,
    double Percent,
    double PercentLower,
    double PercentUpper,
    double Confidence,
    string Method,
    string? Note = null);
