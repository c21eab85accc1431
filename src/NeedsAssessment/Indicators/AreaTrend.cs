using NeedsAssessment.Statistics;

namespace NeedsAssessment.Indicators;

/// <summary>Trend of one area's rate over consecutive periods.</summary>
/// <param name="Level">Geography level.</param>
/// <param name="AreaCode">Area code.</param>
/// <param name="AreaName">Area name.</param>
/// <param name="Periods">Periods used, oldest first.</param>
/// <param name="Trend">Poisson regression trend per year, or null when it cannot be fitted (see <paramref name="Note"/>).</param>
/// <param name="Note">Why there is no trend, otherwise null.</param>
public sealed record AreaTrend(string Level, string AreaCode, string? AreaName, IReadOnlyList<IndicatorValue> Periods, TrendEstimate? Trend, string? Note);
