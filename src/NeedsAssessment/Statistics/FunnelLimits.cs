namespace NeedsAssessment.Statistics;

/// <summary>
/// Funnel-plot control limits at one denominator: the range within which an area's value would fall
/// with 95% and 99.8% probability if its true value were the target (about 2 and 3 standard deviations).
/// </summary>
/// <param name="Denominator">Population (or sample size / person-time) at which the limits apply.</param>
/// <param name="Target">Target (centre line) on the reported scale.</param>
/// <param name="Lower95">Lower 95% limit (2.5% tail) on the reported scale.</param>
/// <param name="Upper95">Upper 95% limit (97.5%) on the reported scale.</param>
/// <param name="Lower998">Lower 99.8% limit (0.1% tail) on the reported scale.</param>
/// <param name="Upper998">Upper 99.8% limit (99.9%) on the reported scale.</param>
/// <param name="Multiplier">Reporting scale (100 for a percentage, 100000 for per 100,000).</param>
/// <param name="Method">"normal (score)" for proportions or "exact poisson" for rates.</param>
public sealed record FunnelLimits(
    double Denominator,
    double Target,
    double Lower95,
    double Upper95,
    double Lower998,
    double Upper998,
    double Multiplier,
    string Method);
