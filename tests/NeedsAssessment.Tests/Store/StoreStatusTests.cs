using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Store;

/// <summary>What the store holds per kind and file, and the quarantine as read back.</summary>
public sealed class StoreStatusTests
{
    [Fact]
    public void StatusCountsRowsAndPeriodsPerKindAndFile()
    {
        using var h = new Harness();
        h.Load("police-street", "jan.csv", Fixture.Csv("police-street", Fixture.Set(("month", "2023-11")), Fixture.Set(("crime_type", "x"))));
        h.Load("police-street", "feb.csv", Fixture.Csv("police-street", Fixture.Set(("month", "2024-02")), null, null));
        var status = StoreStatus.Read(h.Store);
        Assert.Equal(SchemaCatalog.Default.Kinds, status.Select(s => s.Kind));
        var street = status.Single(s => s.Kind == "police-street");
        Assert.Equal((2, 5L, 4L, 1L), (street.Files, street.RowsRead, street.RowsLoaded, street.RowsQuarantined));
        Assert.Equal((new DateOnly(2023, 11, 1), new DateOnly(2024, 2, 1)), (street.PeriodStart!.Value, street.PeriodEnd!.Value));
        Assert.Equal(["feb.csv", "jan.csv"], street.FileDetails.Select(f => f.FileName));
        Assert.All(status.Where(s => s.Kind != "police-street"), s => Assert.Equal((0, 0L), (s.Files, s.RowsRead)));
        var geo = status.Single(s => s.Kind == "geography");
        Assert.Null(geo.PeriodStart);
    }

    [Fact]
    public void QuarantineRowsReadBackInFileAndRecordOrderWithTheFileName()
    {
        using var h = new Harness();
        var r = h.Load("justice-cohort", "yjb.csv", Fixture.Csv("justice-cohort", Fixture.Set(("sex", "Q")), null, Fixture.Set(("count", "many"), ("age_band", "old"))));
        var q = QuarantineRow.Read(h.Store, r.LoadId);
        Assert.Equal([(1L, "Sex"), (3L, "Age Band"), (3L, "Count")], q.Select(x => (x.Record, x.Column!)));
        Assert.All(q, x => Assert.Equal("yjb.csv", x.FileName));
        Assert.Equal(2, QuarantineRow.Read(h.Store, r.LoadId, limit: 2).Count);
    }
}
