namespace NeedsAssessment.Statistics;

/// <summary>A directly standardised rate per <see cref="Multiplier"/> with its Dobson interval.</summary>
/// <param name="Value">The DSR, or NaN when not given (see <see cref="Reason"/>).</param>
/// <param name="Lower">Lower confidence limit, or NaN when not given.</param>
/// <param name="Upper">Upper confidence limit, or NaN when not given.</param>
/// <param name="Confidence">Two-sided confidence level.</param>
/// <param name="Method">"dobson".</param>
/// <param name="TotalCount">Sum of the band counts.</param>
/// <param name="TotalPopulation">Sum of the band populations.</param>
/// <param name="Multiplier">Scale of the rate, e.g. 100000.</param>
/// <param name="Reason">Why the value is not given (e.g. "dsr not given for total count &lt; 10"), otherwise null.</param>
public sealed record StandardisedRate(
    double Value,
    double Lower,
    double Upper,
    double Confidence,
    string Method,
    double TotalCount,
    double TotalPopulation,
    double Multiplier,
    string? Reason = null);
