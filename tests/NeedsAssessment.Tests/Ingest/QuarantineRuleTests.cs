using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>Bad values (type, pattern, enum, min/max, required, duplicate unique ids) are quarantined with every reason.</summary>
public sealed class QuarantineRuleTests
{
    [Theory]
    [InlineData("police-street", "month", "Month", "2024/01", "type")]
    [InlineData("police-street", "longitude", "Longitude", "west", "type")]
    [InlineData("police-street", "latitude", "Latitude", "70.5", "maximum")]
    [InlineData("police-street", "longitude", "Longitude", "-9", "minimum")]
    [InlineData("police-street", "lsoa_code", "LSOA code", "E0112345", "pattern")]
    [InlineData("police-street", "crime_type", "Crime type", "Murder", "enum")]
    [InlineData("police-street", "reported_by", "Reported by", "", "required")]
    [InlineData("police-street", "reported_by", "Reported by", "N/A", "required")]
    [InlineData("police-street", "falls_within", "Falls within", "   ", "required")]
    [InlineData("police-recorded-crime", "recorded_date", "Recorded Date", "2024-02-30", "type")]
    [InlineData("police-recorded-crime", "recorded_date", "Recorded Date", "31/13/2024", "type")]
    [InlineData("police-recorded-crime", "offence_datetime", "Offence Date Time", "yesterday", "type")]
    [InlineData("police-recorded-crime", "domestic_abuse", "Domestic Abuse Flag", "maybe", "type")]
    [InlineData("police-recorded-crime", "hate_strands", "Hate Strands", "race|colour", "pattern")]
    [InlineData("deprivation", "imd_decile", "Index of Multiple Deprivation (IMD) Decile", "0", "minimum")]
    [InlineData("deprivation", "imd_decile", "Index of Multiple Deprivation (IMD) Decile", "11", "maximum")]
    [InlineData("deprivation", "imd_rank", "Index of Multiple Deprivation (IMD) Rank", "12.5", "type")]
    [InlineData("deprivation", "imd_rank", "Index of Multiple Deprivation (IMD) Rank", "40,001", "maximum")]
    [InlineData("deprivation", "imd_rank", "Index of Multiple Deprivation (IMD) Rank", "12.0", "type")]
    [InlineData("deprivation", "imd_rank", "Index of Multiple Deprivation (IMD) Rank", "1e3", "type")]
    [InlineData("population", "usual_residents", "usual_residents", "0x10", "type")]
    [InlineData("population", "usual_residents", "usual_residents", "-3", "minimum")]
    [InlineData("justice-cohort", "count", "Count", "-1", "minimum")]
    [InlineData("ambulance-assault", "call_category", "Call Category", "c1", "enum")]
    [InlineData("health-admission", "icd10_cause", "ICD10 External Cause", "S01", "pattern")]
    public void BadValueIsQuarantinedWithItsRuleColumnRecordAndLine(string kind, string field, string column, string raw, string rule)
    {
        using var h = new Harness();
        var r = h.Load(kind, "f.csv", Fixture.Csv(kind, null, Fixture.Set((field, raw)), null));
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal((2L, 3L, column, rule), (q.Record, q.Line, q.Column, q.Rule));
        Assert.Equal("f.csv", q.FileName);
        Assert.Contains($"'{column}'", q.Message, StringComparison.Ordinal);
        if (rule != "required") Assert.Equal(raw, q.RawValue);
        Assert.NotNull(q.RawRecord);
        Assert.Contains(column, q.RawRecord, StringComparison.Ordinal);
        Assert.Equal([1L, 3L], h.SourceRows(kind, r.LoadId));
        var issue = Assert.Single(r.Issues);
        Assert.Equal((2L, column, rule), (issue.Record, issue.Column, issue.Rule));
    }

    [Fact]
    public void ValuesWithSurroundingSpacesAreTrimmedBeforeTheyAreCheckedAndStored()
    {
        using var h = new Harness();
        var r = h.Load("police-street", "spaces.csv", Fixture.Csv("police-street",
            Fixture.Set(("crime_type", "  Robbery "), ("lsoa_code", " E01000001"), ("month", "2024-01  "))));
        Assert.Equal((1L, 1L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("Robbery|E01000001|2024-01-01", h.Store.Scalar("SELECT crime_type || '|' || lsoa_code || '|' || CAST(month AS VARCHAR) FROM police_street"));
    }

    [Fact]
    public void MissingValueMarkerInAnOptionalColumnIsStoredAsNull()
    {
        using var h = new Harness();
        var r = h.Load("police-street", "f.csv", Fixture.Csv("police-street", Fixture.Set(("longitude", "NA"), ("lsoa_code", "NULL"), ("context", ""))));
        Assert.Equal(0, r.RowsQuarantined);
        Assert.Equal(1, h.Count("SELECT count(*) FROM police_street WHERE longitude IS NULL AND lsoa_code IS NULL AND context IS NULL"));
    }

    [Fact]
    public void EveryReasonOfARowIsKeptAndTheRowCountsOnce()
    {
        using var h = new Harness();
        var r = h.Load("police-street", "f.csv", Fixture.Csv("police-street",
            Fixture.Set(("month", "Jan"), ("latitude", "99"), ("crime_type", "Murder"), ("reported_by", ""))));
        Assert.Equal((1L, 0L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var rows = h.Quarantine(r.LoadId);
        Assert.Equal(["Crime type:enum", "Latitude:maximum", "Month:type", "Reported by:required"],
            rows.Select(q => $"{q.Column}:{q.Rule}").Order(StringComparer.Ordinal));
        Assert.All(rows, q => Assert.Equal(1L, q.Record));
        Assert.Equal(1, h.Count($"SELECT rows_quarantined FROM loads WHERE load_id = {r.LoadId}"));
    }

    [Fact]
    public void DuplicateUniqueIdInAFileQuarantinesTheRepeatsNamingTheFirstRecord()
    {
        using var h = new Harness();
        var id = Fixture.Set(("incident_id", "INC-1"));
        var r = h.Load("police-recorded-crime", "prc.csv", Fixture.Csv("police-recorded-crime", id, null, id, null, id));
        Assert.Equal((5L, 3L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = h.Quarantine(r.LoadId);
        Assert.Equal([3L, 5L], q.Select(x => x.Record));
        Assert.All(q, x =>
        {
            Assert.Equal(("unique", "Incident ID", "INC-1"), (x.Rule, x.Column, x.RawValue));
            Assert.Contains("repeats record 1", x.Message, StringComparison.Ordinal);
            Assert.Equal(x.Record + 1, x.Line);
        });
        Assert.Equal([1L, 2L, 4L], h.SourceRows("police-recorded-crime", r.LoadId));
    }

    [Fact]
    public void UniqueIdAlreadyLoadedFromAnotherFileIsQuarantined()
    {
        using var h = new Harness();
        var a = h.Load("health-admission", "a.csv", Fixture.ValidCsv("health-admission", 2));
        var b = h.Load("health-admission", "b.csv", Fixture.Csv("health-admission", Fixture.Set(("admission_id", "ID-00002")), Fixture.Set(("admission_id", "NEW-1"))));
        Assert.Equal((2L, 1L, 1L), (b.RowsRead, b.RowsLoaded, b.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(b.LoadId));
        Assert.Equal(("unique", 1L, "ID-00002"), (q.Rule, q.Record, q.RawValue));
        Assert.Contains("already loaded from another file", q.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Rows("health-admission", a.LoadId));
    }

    [Fact]
    public void BadValueAndDuplicateInTheSameRowCountOnce()
    {
        using var h = new Harness();
        var r = h.Load("ambulance-assault", "amb.csv", Fixture.Csv("ambulance-assault",
            Fixture.Set(("call_id", "C-0001")), Fixture.Set(("call_id", "C-0001"), ("sex", "X")), Fixture.Set(("call_id", "C-0001"))));
        Assert.Equal(r.RowsRead, r.RowsLoaded + r.RowsQuarantined);
        Assert.Equal((3L, 1L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal([1L], h.SourceRows("ambulance-assault", r.LoadId));
    }

    [Fact]
    public void IssueSampleIsCappedButQuarantineKeepsEveryReason()
    {
        using var h = new Harness();
        var ingester = new Ingester(h.Store) { IssueSampleSize = 3 };
        var rows = Enumerable.Range(0, 10).Select(_ => Fixture.Set(("crime_type", "Murder"))).ToArray();
        var r = ingester.Load("police-street", h.Dir.File("many.csv", Fixture.Csv("police-street", rows)));
        Assert.Equal(10, r.RowsQuarantined);
        Assert.Equal(3, r.Issues.Count);
        Assert.Equal(10, h.Quarantine(r.LoadId).Count);
    }

    [Fact]
    public void An_empty_issue_sample_still_quarantines_every_failing_row()
    {
        using var h = new Harness();
        var ingester = new Ingester(h.Store) { IssueSampleSize = 0 };
        var rows = Enumerable.Range(0, 4).Select(_ => Fixture.Set(("crime_type", "Murder"))).ToArray();
        var r = ingester.Load("police-street", h.Dir.File("none-sampled.csv", Fixture.Csv("police-street", rows)));
        Assert.Equal((4L, 0L, 4L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Empty(r.Issues);
        Assert.Equal(4, h.Quarantine(r.LoadId).Count);
    }
}
