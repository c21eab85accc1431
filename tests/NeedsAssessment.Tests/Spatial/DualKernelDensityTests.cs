using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class DualKernelDensityTests
{
    [Fact]
    public void Risk_is_the_ratio_of_event_to_population_density()
    {
        var random = new Random(4);
        var population = Enumerable.Range(0, 200).Select(_ => new SpatialPoint(random.NextDouble() * 2_000, random.NextDouble() * 2_000)).ToArray();
        var events = population.Concat(population).ToArray(); // every location has twice as many events as residents
        var result = DualKernelDensity.Estimate(events, population, cellSize: 100, eventBandwidth: 400, populationBandwidth: 400);
        Assert.All(result.Cells.Where(c => c.Risk is not null), c => Assert.Equal(2.0, c.Risk!.Value, 9));
        Assert.Contains(result.Cells, c => c.Risk is not null);
    }

    [Fact]
    public void Cells_without_population_density_have_missing_rather_than_infinite_risk()
    {
        var events = new SpatialPoint[] { new(0, 0), new(5_000, 5_000) };
        var population = new SpatialPoint[] { new(10, 10), new(30, 40) };
        var result = DualKernelDensity.Estimate(events, population, cellSize: 500, eventBandwidth: 600, populationBandwidth: 600);
        var far = result.Cells.Single(c => c.Id == "c9_9");
        Assert.True(far.EventDensity > 0);
        Assert.Equal(0.0, far.PopulationDensity);
        Assert.Null(far.Risk);
        Assert.All(result.Cells, c => Assert.True(c.Risk is null || double.IsFinite(c.Risk.Value)));
        Assert.True(result.Parameters.MinimumPopulationDensityAutomatic);
    }
}
