using System.Collections.Immutable;

namespace NeedsAssessment.Spatial;

/// <summary>One grid cell of a dual-KDE risk surface.</summary>
/// <param name="Id">Cell id.</param>
/// <param name="X">Easting of the cell centre.</param>
/// <param name="Y">Northing of the cell centre.</param>
/// <param name="Count">Events in the cell.</param>
/// <param name="EventDensity">Event density per km².</param>
/// <param name="PopulationDensity">Population density per km².</param>
/// <param name="Risk">Event density ÷ population density, or null where the population density is at or below the floor.</param>
public sealed record RiskCell(string Id, double X, double Y, int Count, double EventDensity, double PopulationDensity, double? Risk);

/// <summary>Dual-KDE settings actually used.</summary>
/// <param name="Events">Event KDE settings (the grid is the events' grid).</param>
/// <param name="PopulationBandwidth">Population kernel radius in metres.</param>
/// <param name="PopulationBandwidthAutomatic">True when chosen by <see cref="KernelDensity.DefaultBandwidth"/> on the population points.</param>
/// <param name="MinimumPopulationDensity">Population density per km² at or below which risk is missing.</param>
/// <param name="MinimumPopulationDensityAutomatic">True when the floor was set to 10⁻⁶ of the largest population density.</param>
public sealed record DualKernelDensityParameters(
    KernelDensityParameters Events, double PopulationBandwidth, bool PopulationBandwidthAutomatic,
    double MinimumPopulationDensity, bool MinimumPopulationDensityAutomatic);

/// <summary>Risk surface from two kernel densities (as sfhotspot's <c>hotspot_dual_kde</c>, method "ratio").</summary>
/// <param name="Parameters">Settings used.</param>
/// <param name="Cells">Cells in grid order.</param>
public sealed record DualKernelDensityResult(DualKernelDensityParameters Parameters, ImmutableArray<RiskCell> Cells);

/// <summary>Dual kernel density: events relative to a population at risk.</summary>
public static class DualKernelDensity
{
    /// <summary>
    /// Estimates quartic KDEs of the events and of the population on the events' grid (each with its own automatic
    /// bandwidth, as sfhotspot) and returns risk = f<sub>events</sub> / f<sub>population</sub>. Where the population
    /// density is at or below the floor the ratio is meaningless (no one lives there, or it is a kernel tail),
    /// so it is null rather than infinite.
    /// </summary>
    /// <param name="events">Event locations in metres.</param>
    /// <param name="population">Population locations (e.g. output-area population-weighted centroids).</param>
    /// <param name="cellSize">Cell side; automatic from the events when null.</param>
    /// <param name="eventBandwidth">Event kernel radius; automatic when null.</param>
    /// <param name="populationBandwidth">Population kernel radius; automatic when null.</param>
    /// <param name="bandwidthAdjust">Multiplier on both bandwidths.</param>
    /// <param name="extent">Area to grid; the events' bounding box when null.</param>
    /// <param name="eventWeights">Optional weight per event.</param>
    /// <param name="populationWeights">Optional weight per population point (e.g. residents).</param>
    /// <param name="minimumPopulationDensity">Floor per km²; 10⁻⁶ of the largest population density when null.</param>
    public static DualKernelDensityResult Estimate(
        IReadOnlyList<SpatialPoint> events,
        IReadOnlyList<SpatialPoint> population,
        double? cellSize = null,
        double? eventBandwidth = null,
        double? populationBandwidth = null,
        double bandwidthAdjust = 1.0,
        Extent? extent = null,
        IReadOnlyList<double>? eventWeights = null,
        IReadOnlyList<double>? populationWeights = null,
        double? minimumPopulationDensity = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (populationWeights is not null && populationWeights.Count != population.Count)
            throw new ArgumentException("There must be one weight per population point.", nameof(populationWeights));
        var ev = KernelDensity.Estimate(events, cellSize, eventBandwidth, bandwidthAdjust, extent, eventWeights);
        var centres = ev.Cells.Select(c => new SpatialPoint(c.X, c.Y)).ToArray();
        double popH = (populationBandwidth ?? KernelDensity.DefaultBandwidth(population));
        if (!(popH > 0)) popH = ev.Parameters.Grid.CellSize;
        popH *= bandwidthAdjust;
        var pop = KernelDensity.Evaluate(population, populationWeights, centres, popH);
        double floor = minimumPopulationDensity ?? (pop.Length == 0 ? 0.0 : pop.Max() * 1e-6);

        var cells = ImmutableArray.CreateBuilder<RiskCell>(centres.Length);
        for (int k = 0; k < centres.Length; k++)
        {
            var c = ev.Cells[k];
            double? risk = pop[k] > floor ? c.Density / pop[k] : null;
            cells.Add(new RiskCell(c.Id, c.X, c.Y, c.Count, c.Density, pop[k], risk));
        }
        var parameters = new DualKernelDensityParameters(ev.Parameters, popH, populationBandwidth is null, floor, minimumPopulationDensity is null);
        return new DualKernelDensityResult(parameters, cells.MoveToImmutable());
    }
}
