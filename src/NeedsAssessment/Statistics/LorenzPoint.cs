namespace NeedsAssessment.Statistics;

/// <summary>One vertex of a Lorenz curve; the curve starts at (0, 0) and ends at (1, 1).</summary>
/// <param name="CumulativePopulationShare">Share of population (or of areas, if unweighted) up to this area, 0-1.</param>
/// <param name="CumulativeCountShare">Share of all events in those areas, 0-1.</param>
public readonly record struct LorenzPoint(double CumulativePopulationShare, double CumulativeCountShare);
