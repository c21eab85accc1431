namespace NeedsAssessment.Statistics;

/// <summary>Gini coefficient of the concentration of events across areas, with its Lorenz curve.</summary>
/// <param name="Gini">0 = events spread in proportion to population; towards 1 = concentrated in few areas.</param>
/// <param name="Lorenz">Lorenz curve vertices from (0, 0) to (1, 1), areas ordered by ascending rate.</param>
public sealed record GiniResult(double Gini, IReadOnlyList<LorenzPoint> Lorenz);
