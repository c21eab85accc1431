namespace NeedsAssessment.Statistics;

/// <summary>Log-linear (Poisson regression) trend in counts or rates over time.</summary>
/// <param name="Slope">β₁, change in log rate per unit of time.</param>
/// <param name="StandardError">Wald standard error of β₁.</param>
/// <param name="SlopeLower">β₁ − z·SE.</param>
/// <param name="SlopeUpper">β₁ + z·SE.</param>
/// <param name="PValue">Two-sided Wald p-value for β₁ = 0.</param>
/// <param name="Intercept">β₀ at time 0 on the supplied time scale (log rate per unit of denominator).</param>
/// <param name="PercentChangePerPeriod">100 (exp(β₁) − 1): percentage change per unit of time (e.g. per year).</param>
/// <param name="PercentChangeLower">100 (exp(β₁ lower) − 1).</param>
/// <param name="PercentChangeUpper">100 (exp(β₁ upper) − 1).</param>
/// <param name="Confidence">Two-sided confidence level.</param>
/// <param name="Iterations">IRLS iterations to convergence.</param>
/// <param name="Method">"poisson irls (wald)".</param>
public sealed record TrendEstimate(
    double Slope,
    double StandardError,
    double SlopeLower,
    double SlopeUpper,
    double PValue,
    double Intercept,
    double PercentChangePerPeriod,
    double PercentChangeLower,
    double PercentChangeUpper,
    double Confidence,
    int Iterations,
    string Method);
