using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>Validation checks a file exactly as a load would and writes nothing.</summary>
public sealed class ValidateTests
{
    [Fact]
    public void ValidateReportsTheSameCountsAsALoadAndWritesNothing()
    {
        using var h = new Harness();
        h.Load("deprivation", "old.csv", Fixture.ValidCsv("deprivation", 2));
        var before = h.Snapshot();
        var text = Fixture.Csv("deprivation", null, Fixture.Set(("imd_decile", "0")), Fixture.Set(("lsoa11_code", "E01000001")), null);
        var path = h.Dir.File("new.csv", text);

        var v = Assert.Single(h.Ingester.Validate("deprivation", [path]));
        Assert.Equal(LoadStatus.Validated, v.Status);
        Assert.Equal(0, v.LoadId);
        // Record 1 repeats a code of old.csv, record 2 breaks a minimum, record 3 repeats both; record 4 is good.
        Assert.Equal((4L, 1L, 3L), (v.RowsRead, v.RowsLoaded, v.RowsQuarantined));
        Assert.Equal([1L, 2L, 3L], v.Issues.Select(i => i.Record).Distinct());
        Assert.Equal(["minimum", "unique"], v.Issues.Select(i => i.Rule).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(before, h.Snapshot());

        var r = h.Ingester.Load("deprivation", path);
        Assert.Equal(LoadStatus.Loaded, r.Status);
        Assert.Equal((v.RowsRead, v.RowsLoaded, v.RowsQuarantined), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
    }

    [Fact]
    public void ValidateOfAReplacementKeepsTheEarlierRows()
    {
        using var h = new Harness();
        var path = h.Dir.File("g.csv", Fixture.ValidCsv("geography", 3));
        h.Ingester.Load("geography", path);
        var before = h.Snapshot();
        File.WriteAllText(path, Fixture.ValidCsv("geography", 5));
        var v = Assert.Single(h.Ingester.Validate("geography", [path]));
        Assert.Equal((5L, 5L, 0L), (v.RowsRead, v.RowsLoaded, v.RowsQuarantined));
        Assert.Equal(before, h.Snapshot());
    }

    [Fact]
    public void ValidateRefusesPersonalDataLikeALoad()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("geography", 1).Split('\n');
        var path = h.Dir.File("pii.csv", lines[0] + ",Full Name\n" + lines[1] + ",Jo Bloggs\n");
        Assert.Throws<UserErrorException>(() => h.Ingester.Validate("geography", [path]));
        Assert.Equal(0, h.Count("SELECT count(*) FROM loads"));
    }
}
