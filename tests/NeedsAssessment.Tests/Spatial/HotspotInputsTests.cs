using NeedsAssessment.Classify;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Spatial;

/// <summary>
/// <see cref="HotspotInputs"/> hands notebooks exactly what the hot spot stage analyses, so a method redone by hand
/// starts from the stage's events and never counts police.uk street records and the force extract twice.
/// </summary>
[Collection(HotspotDemoCollection.Name)]
public sealed class HotspotInputsTests(HotspotDemoFixture fixture)
{
    [Fact]
    public void The_main_periods_events_are_the_ones_on_the_stages_grid()
    {
        // Opened as the other fixtures on the shared demo store open it: one process can hold a DuckDB file in one mode
        // only, so a read-only open racing the model fixture's writable one made that fixture's writes fail.
        using var store = AssessmentStore.Open(fixture.Run.StorePath);
        var inputs = HotspotInputs.Read(store);
        var main = fixture.Hotspots.Main ?? throw new InvalidOperationException("The demo's hot spot stage had no main period.");
        Assert.Equal(main.Period, inputs.Period);
        Assert.Equal(main.Result.Grid.Cells.Sum(c => (long)c.Count), inputs.PointsIn(inputs.Period).Count);
        Assert.True(inputs.Events.Count > inputs.PointsIn(inputs.Period).Count, "Events of every month, not only the main period.");
    }

    [Fact]
    public void Only_the_counted_police_source_is_read_when_both_are_loaded()
    {
        // Opened as the other fixtures on the shared demo store open it: one process can hold a DuckDB file in one mode
        // only, so a read-only open racing the model fixture's writable one made that fixture's writes fail.
        using var store = AssessmentStore.Open(fixture.Run.StorePath);
        var sources = store.Query("SELECT DISTINCT source FROM sv_events WHERE in_definition AND x IS NOT NULL ORDER BY 1", r => r.GetString(0));
        Assert.Contains(ClassificationSources.PoliceStreet, sources);
        Assert.Contains(ClassificationSources.PoliceRecordedCrime, sources);

        var inputs = HotspotInputs.Read(store);
        var counted = PoliceSource.Counted(store);
        Assert.Contains(counted, inputs.Filter.Sources);
        Assert.DoesNotContain(PoliceSource.LeftOut(counted), inputs.Filter.Sources);
        var expected = Convert.ToInt64(store.Scalar(
            $"SELECT count(*) FROM sv_events WHERE in_definition AND x IS NOT NULL AND y IS NOT NULL AND source IN ({string.Join(", ", inputs.Filter.Sources.Select(AssessmentStore.Literal))})"),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, inputs.Events.Count);
    }
}
