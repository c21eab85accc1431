namespace NeedsAssessment.Tests.Ingest;

/// <summary>Rows with too many or too few fields are quarantined as 'malformed-row' with their record and line, and later rows keep their numbers.</summary>
public sealed class MalformedRowTests
{
    [Fact]
    public void TooManyAndTooFewFieldsAreMalformedRowsAndLaterRowsKeepTheirRecordNumbers()
    {
        using var h = new Harness();
        var lines = Fixture.Csv("police-street", null, null, null, null, null, null, Fixture.Set(("crime_type", "Murder")), null).TrimEnd('\n').Split('\n');
        lines[2] += ",extra";                                   // record 2: too many fields
        lines[4] = lines[4][..lines[4].LastIndexOf(',')];       // record 4: too few fields
        lines[5] += ",x,y";                                     // record 5: too many; record 7: bad enum
        var r = h.Load("police-street", "m.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((8L, 4L, 4L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = h.Quarantine(r.LoadId);
        Assert.Equal([(2L, 3L, "malformed-row"), (4L, 5L, "malformed-row"), (5L, 6L, "malformed-row"), (7L, 8L, "enum")],
            q.Select(x => (x.Record, x.Line ?? -1, x.Rule)));
        Assert.All(q.Where(x => x.Rule == "malformed-row"), x => Assert.Null(x.Column));
        Assert.Equal([1L, 3L, 6L, 8L], h.SourceRows("police-street", r.LoadId));
        Assert.Equal("text 6", h.Store.Scalar($"SELECT location FROM police_street WHERE load_id = {r.LoadId} AND source_row = 6"));
        Assert.Equal("text 8", h.Store.Scalar($"SELECT location FROM police_street WHERE load_id = {r.LoadId} AND source_row = 8"));
    }

    [Fact]
    public void MalformedRowMessageSaysWhatIsWrongAndKeepsTheLine()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("deprivation", 2).TrimEnd('\n').Split('\n');
        lines[1] += ",surplus";
        var r = h.Load("deprivation", "d.csv", string.Join('\n', lines) + "\n");
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal(("malformed-row", 1L, 2L), (q.Rule, q.Record, q.Line));
        Assert.False(string.IsNullOrWhiteSpace(q.Message));
        Assert.Contains("surplus", q.RawRecord ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void ConsecutiveMalformedRowsAtTheStartAndEndKeepNumbering()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("deprivation", 6).TrimEnd('\n').Split('\n');
        foreach (var i in new[] { 1, 2, 6 }) lines[i] += ",x";
        var r = h.Load("deprivation", "d.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((6L, 3L, 3L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal([1L, 2L, 6L], h.Quarantine(r.LoadId).Select(x => x.Record));
        Assert.Equal([3L, 4L, 5L], h.SourceRows("deprivation", r.LoadId));
        Assert.Equal(["E01000003", "E01000004", "E01000005"], h.Store.Query("SELECT lsoa11_code FROM deprivation ORDER BY source_row", x => x.GetString(0)));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void BlankLinesInsideTheFileAreNotRecordsAndLaterRowsKeepTheirRecordAndLineNumbers(string nl)
    {
        using var h = new Harness();
        var l = Fixture.Csv("police-street", null, null, null, null, Fixture.Set(("crime_type", "Murder")), null).TrimEnd('\n').Split('\n');
        // line 1 header, 2 record 1, 3-4 blank, 5 record 2 (malformed), 6 record 3, 7 blank, 8 record 4 (malformed), 9 record 5 (bad enum), 10 record 6
        var text = string.Join(nl, l[0], l[1], "", "", l[2] + ",x", l[3], "", l[4] + ",y", l[5], l[6]) + nl;
        var r = h.Load("police-street", "blanks.csv", text);
        Assert.Equal((6L, 3L, 3L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal([(2L, 5L, "malformed-row"), (4L, 8L, "malformed-row"), (5L, 9L, "enum")], h.Quarantine(r.LoadId).Select(x => (x.Record, x.Line ?? -1, x.Rule)));
        Assert.Equal([1L, 3L, 6L], h.SourceRows("police-street", r.LoadId));
        Assert.Equal(["text 1", "text 3", "text 6"], h.Store.Query("SELECT location FROM police_street ORDER BY source_row", x => x.GetString(0)));
        Assert.All(h.Quarantine(r.LoadId).Where(x => x.Rule == "malformed-row"), x => Assert.StartsWith("0000", x.RawRecord, StringComparison.Ordinal));
    }

    [Fact]
    public void QuotedNewlinesShiftLineNumbersButNotRecordNumbers()
    {
        using var h = new Harness();
        var l = Fixture.Csv("police-street", Fixture.Set(("location", "Flat 1\nHigh Street\nTown")), null, Fixture.Set(("crime_type", "Murder")), null, null).TrimEnd('\n').Split('\n');
        // l[1..3] are record 1 (lines 2-4); record 2 line 5; record 3 line 6 (bad enum); record 4 line 7 (malformed); record 5 line 8
        l[6] += ",x";
        var r = h.Load("police-street", "multiline.csv", string.Join('\n', l) + "\n");
        Assert.Equal((5L, 3L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal([(3L, 6L, "enum"), (4L, 7L, "malformed-row")], h.Quarantine(r.LoadId).Select(x => (x.Record, x.Line ?? -1, x.Rule)));
        Assert.Equal([1L, 2L, 5L], h.SourceRows("police-street", r.LoadId));
        Assert.Equal("Flat 1\nHigh Street\nTown", h.Store.Scalar("SELECT location FROM police_street WHERE source_row = 1"));
    }

    [Fact]
    public void HeaderSpanningTwoLinesShiftsLineNumbers()
    {
        using var h = new Harness();
        var text = Fixture.Csv("police-street", null, Fixture.Set(("month", "2024-1")), null).Replace("Crime type", "\"Crime\ntype\"", StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        lines[4] += ",x";
        var r = h.Load("police-street", "hdr.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((3L, 1L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal([(2L, 4L, "type"), (3L, 5L, "malformed-row")], h.Quarantine(r.LoadId).Select(x => (x.Record, x.Line ?? -1, x.Rule)));
        Assert.Equal([1L], h.SourceRows("police-street", r.LoadId));
    }
}

/// <summary>Record numbers stay in file order when DuckDB reads a file in parallel over several row groups.</summary>
public sealed class RecordNumberTests
{
    [Fact]
    public void RecordNumbersFollowFileOrderAcrossRowGroupsWithMalformedRowsScattered()
    {
        using var h = new Harness();
        const int rows = 300_000;
        var sb = new System.Text.StringBuilder("LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\n");
        var malformed = new HashSet<int> { 1, 2, 77_777, 122_880, 122_881, 250_001, rows };
        for (var i = 1; i <= rows; i++)
        {
            sb.Append("E01").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append(",n,E09000001,d,").Append(1 + i % 30000).Append(",5");
            if (malformed.Contains(i)) sb.Append(",oops");
            if (i % 1000 == 0) sb.Append(",x,y");               // every 1000th row: also malformed
            sb.Append('\n');
        }
        var expectedBad = Enumerable.Range(1, rows).Where(i => malformed.Contains(i) || i % 1000 == 0).Select(i => (long)i).ToList();
        var r = h.Load("deprivation", "big.csv", sb.ToString());
        Assert.Equal((rows, rows - expectedBad.Count, expectedBad.Count), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(0, h.Count("SELECT count(*) FROM deprivation WHERE source_row <> CAST(substr(lsoa11_code, 4) AS BIGINT)"));
        Assert.Equal(expectedBad, h.Store.Query("SELECT source_row FROM quarantine ORDER BY 1", x => x.GetInt64(0)));
        Assert.Equal(0, h.Count("SELECT count(*) FROM quarantine WHERE source_line <> source_row + 1"));
    }
}
