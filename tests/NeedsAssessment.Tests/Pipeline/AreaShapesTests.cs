using System.Globalization;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Report;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// The area stage reads and dissolves the boundaries once (<c>area_shapes</c>); the hot spot grid, the rural and urban
/// proxy and the report's maps get from it exactly what they got by parsing the boundaries themselves, and parse them
/// again once the table no longer matches the store.
/// </summary>
public class AreaShapesTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private static long Count(AssessmentStore store, string sql) => Convert.ToInt64(store.Scalar(sql), CultureInfo.InvariantCulture);

    [Fact]
    public void The_run_writes_every_boundary_of_the_area_with_its_shape_the_districts_and_the_area_outline()
    {
        using var store = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-written"), readOnly: true);
        var rows = AreaShapes.ReadCurrent(store);

        Assert.NotNull(rows);
        Assert.Equal(AreaBoundaries.Read(store).Count, rows.Count(r => r.Kind == AreaShapes.Lsoa));
        Assert.All(rows.Where(r => r.Kind == AreaShapes.Lsoa), r => Assert.NotNull(r.Wkb));
        Assert.Equal(Count(store, $"SELECT count(DISTINCT district_code) FROM {AreaHierarchy.Table}"), rows.Count(r => r.Kind == AreaShapes.District));
        Assert.Single(rows, r => r.Kind == AreaShapes.Area);
    }

    [Fact]
    public void The_maps_drawn_from_the_area_shapes_are_those_drawn_from_the_boundaries()
    {
        using var store = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-maps"), readOnly: true);
        var places = AreaPlaces.Read(store);
        var built = ReportGeometry.FromAreaShapes(AreaShapes.ReadCurrent(store)!, places);
        var parsed = ReportGeometry.Build(AreaBoundaries.Read(store), places);

        Assert.Equal(parsed.Unreadable, built.Unreadable);
        Assert.Equal(parsed.PlacesNote, built.PlacesNote);
        Assert.Equal(parsed.Lsoas.Select(s => (s.Code, s.Name)), built.Lsoas.Select(s => (s.Code, s.Name)));
        Assert.Equal(parsed.Districts.Select(s => (s.Code, s.Name)), built.Districts.Select(s => (s.Code, s.Name)));
        Assert.True(parsed.Districts.Count > 0);
        // Every coordinate, in order: the exact shapes, not merely the same outlines.
        Assert.All(parsed.Lsoas.Zip(built.Lsoas), p => Assert.True(p.First.Boundary.EqualsExact(p.Second.Boundary), p.First.Code));
        Assert.All(parsed.Districts.Zip(built.Districts), p => Assert.True(p.First.Boundary.EqualsExact(p.Second.Boundary), p.First.Code));
    }

    [Fact]
    public void The_hot_spot_grid_and_the_rural_urban_proxy_are_the_same_with_the_area_shapes_and_without()
    {
        string Hotspots(AssessmentStore store)
        {
            HotspotAnalysis.Run(store, new HotspotOptions());
            return (string)store.Scalar("SELECT md5(string_agg(h::VARCHAR, '|' ORDER BY h::VARCHAR)) FROM hotspots h")!
                + (string)store.Scalar("SELECT parameters_json FROM hotspot_parameters")!;
        }

        using var with = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-with"));
        using var without = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-without"));
        without.Execute($"DROP TABLE {AreaShapes.Table}");
        Assert.NotNull(AreaShapes.ReadCurrent(with));
        Assert.Null(AreaShapes.ReadCurrent(without));

        Assert.Equal(Hotspots(without), Hotspots(with));
        Assert.Contains("inside the boundaries", (string)with.Scalar("SELECT parameters_json FROM hotspot_parameters")!, StringComparison.Ordinal);
        var proxyWith = RuralUrbanAreas.Compute(with, Residents.Find(with)!);
        var proxyWithout = RuralUrbanAreas.Compute(without, Residents.Find(without)!);
        Assert.NotEmpty(proxyWith);
        Assert.Contains(proxyWith, r => r.AreaHectares is not null);
        Assert.Equal(proxyWithout, proxyWith);
    }

    [Fact]
    public void The_area_stage_announces_its_neighbourhoods_and_places_before_it_builds_the_shapes()
    {
        using var store = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-announced"));
        store.Execute($"DROP TABLE {AreaShapes.Table}");
        var file = NeedsAssessment.Pipeline.AssessmentFile.Load(fixture.WriteAssessment("shapes-announced.yaml", "shapes-announced-out"));
        var announced = new List<(string Table, bool ShapesThere)>();
        var plan = new NeedsAssessment.Pipeline.RunPlan(file, [], NeedsAssessment.Classify.SeriousViolenceDefinition.LoadDefault());

        NeedsAssessment.Pipeline.Stages.Area.Run(new NeedsAssessment.Pipeline.StageContext(plan, store, Path.Combine(fixture.Root, "shapes-announced-staging"))
        {
            TableFinished = t => announced.Add((t, store.TableExists(AreaShapes.Table))),
        });

        Assert.True(NeedsAssessment.Pipeline.Stages.Area.AnnouncesTables);
        Assert.Equal([(AreaHierarchy.Table, false), (AreaPlaces.Table, false)], announced);
        Assert.NotNull(AreaShapes.ReadCurrent(store));
    }

    [Fact]
    public void The_area_shapes_are_not_used_once_the_boundaries_or_the_area_changed()
    {
        using var renamed = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-renamed"));
        renamed.Execute("UPDATE boundaries SET lsoa21_name = 'Renamed' WHERE lsoa21_code = (SELECT min(lsoa21_code) FROM boundaries)");
        Assert.Null(AreaShapes.ReadCurrent(renamed));

        using var moved = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-moved"));
        moved.Execute($"UPDATE {AreaHierarchy.Table} SET district_code = 'E99999999' WHERE lsoa21_code = (SELECT min(lsoa21_code) FROM {AreaHierarchy.Table})");
        Assert.Null(AreaShapes.ReadCurrent(moved));

        using var unchanged = AssessmentStore.Open(fixture.CopyOfBaselineStore("shapes-unchanged"));
        Assert.NotNull(AreaShapes.ReadCurrent(unchanged));
    }
}
