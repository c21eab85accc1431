using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>The same content twice is a no-op; a changed file with the same name replaces its earlier rows.</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public void SameFileTwiceWritesNothingTheSecondTime()
    {
        using var h = new Harness();
        var path = h.Dir.File("ed.csv", Fixture.Csv("health-ed-assault", null, Fixture.Set(("sex", "X")), null));
        var first = h.Ingester.Load("health-ed-assault", path);
        var before = h.Snapshot();
        var second = h.Ingester.Load("health-ed-assault", path);
        Assert.Equal(LoadStatus.AlreadyLoaded, second.Status);
        Assert.Equal(first.LoadId, second.LoadId);
        Assert.Equal((first.RowsRead, first.RowsLoaded, first.RowsQuarantined), (second.RowsRead, second.RowsLoaded, second.RowsQuarantined));
        Assert.Equal(before, h.Snapshot());
        Assert.Equal(2, h.Rows("health-ed-assault"));
        Assert.Equal(1, h.Count("SELECT count(*) FROM quarantine"));
    }

    [Fact]
    public void SameContentUnderAnotherNameIsAlsoANoOp()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("police-street", 3);
        var first = h.Load("police-street", "a.csv", text);
        var second = h.Load("police-street", "copy-of-a.csv", text);
        Assert.Equal(LoadStatus.AlreadyLoaded, second.Status);
        Assert.Equal(first.LoadId, second.LoadId);
        Assert.Equal(3, h.Rows("police-street"));
        Assert.Equal(1, h.Count("SELECT count(*) FROM loads"));
    }

    [Fact]
    public void ChangedFileWithTheSameNameReplacesItsEarlierRowsAndQuarantine()
    {
        using var h = new Harness();
        var path = h.Dir.File("syoa.csv", Fixture.Csv("population-syoa", null, Fixture.Set(("f3", "-1")), null));
        var first = h.Ingester.Load("population-syoa", path);
        Assert.Equal((3L, 2L, 1L), (first.RowsRead, first.RowsLoaded, first.RowsQuarantined));

        // The corrected file keeps the same unique codes: they must not clash with the rows they replace.
        File.WriteAllText(path, Fixture.ValidCsv("population-syoa", 4));
        var second = h.Ingester.Load("population-syoa", path);
        Assert.Equal(LoadStatus.Replaced, second.Status);
        Assert.NotEqual(first.LoadId, second.LoadId);
        Assert.Equal((4L, 4L, 0L), (second.RowsRead, second.RowsLoaded, second.RowsQuarantined));
        Assert.Equal(4, h.Rows("population-syoa"));
        Assert.Equal(0, h.Rows("population-syoa", first.LoadId));
        Assert.Equal(0, h.Count("SELECT count(*) FROM quarantine"));
        Assert.Equal("superseded", h.Store.Scalar($"SELECT status FROM loads WHERE load_id = {first.LoadId}"));
        Assert.Equal("replaced", h.Store.Scalar($"SELECT status FROM loads WHERE load_id = {second.LoadId}"));
        Assert.Contains(second.Notes, n => n.Contains($"earlier load(s) {first.LoadId}", StringComparison.Ordinal));
        var listed = StoreStatusOf(h, "population-syoa");
        Assert.Equal([second.LoadId], listed);
    }

    [Fact]
    public void ReplacingLeavesOtherFilesOfTheKindAlone()
    {
        using var h = new Harness();
        var other = h.Load("police-street", "2024-01.csv", Fixture.ValidCsv("police-street", 2));
        var path = h.Dir.File("2024-02.csv", Fixture.ValidCsv("police-street", 3));
        h.Ingester.Load("police-street", path);
        File.WriteAllText(path, Fixture.ValidCsv("police-street", 5));
        var replaced = h.Ingester.Load("police-street", path);
        Assert.Equal(LoadStatus.Replaced, replaced.Status);
        Assert.Equal(2, h.Rows("police-street", other.LoadId));
        Assert.Equal(7, h.Rows("police-street"));
    }

    [Fact]
    public void ReloadingTheOriginalContentAfterAReplacementReplacesAgain()
    {
        using var h = new Harness();
        var path = h.Dir.File("c.csv", Fixture.ValidCsv("centroids", 2));
        h.Ingester.Load("centroids", path);
        File.WriteAllText(path, Fixture.ValidCsv("centroids", 3));
        h.Ingester.Load("centroids", path);
        File.WriteAllText(path, Fixture.ValidCsv("centroids", 2));
        var third = h.Ingester.Load("centroids", path);
        Assert.Equal(LoadStatus.Replaced, third.Status);
        Assert.Equal(2, h.Rows("centroids"));
        Assert.Equal(1, h.Count("SELECT count(*) FROM loads WHERE status IN ('loaded', 'replaced')"));
    }

    private static List<long> StoreStatusOf(Harness h, string kind) =>
        NeedsAssessment.Store.StoreStatus.Read(h.Store).Single(k => k.Kind == kind).FileDetails.Select(f => f.LoadId).ToList();
}
