namespace NeedsAssessment.Tests.Ingest;

/// <summary>Rows read = rows loaded + rows quarantined, against counts computed independently from the fixture.</summary>
public sealed class InvariantTests
{
    private enum Fault { None, BadEnum, BadDate, TwoFaults, TooManyFields, TooFewFields, DuplicateId }

    [Fact]
    public void RowsReadEqualLoadedPlusQuarantinedForAMixedFile()
    {
        using var h = new Harness();
        var fields = Fixture.FileFields("police-recorded-crime");
        var rng = new Random(20240601);
        var faults = Enumerable.Range(1, 400).Select(_ => rng.Next(10) switch
        {
            0 => Fault.BadEnum, 1 => Fault.BadDate, 2 => Fault.TwoFaults, 3 => Fault.TooManyFields, 4 => Fault.TooFewFields, 5 => Fault.DuplicateId, _ => Fault.None,
        }).ToList();
        faults[0] = Fault.None; // record 1 carries the id that duplicates repeat
        var lines = new List<string> { Fixture.Header(fields) };
        for (var i = 1; i <= faults.Count; i++)
        {
            var set = faults[i - 1] switch
            {
                Fault.BadEnum => Fixture.Set(("weapon", "sword")),
                Fault.BadDate => Fixture.Set(("recorded_date", "2024-13-01")),
                Fault.TwoFaults => Fixture.Set(("weapon", "sword"), ("lsoa_code", "nowhere")),
                Fault.DuplicateId => Fixture.Set(("incident_id", "ID-00001")),
                _ => null,
            };
            var line = Fixture.Line(fields, i, set);
            if (faults[i - 1] == Fault.TooManyFields) line += ",1";
            if (faults[i - 1] == Fault.TooFewFields) line = line[..line.LastIndexOf(',')];
            lines.Add(line);
        }
        var text = string.Join('\n', lines) + "\n";

        // Independent counts: data lines in the text, good rows by construction.
        var expectedRead = text.Split('\n').Skip(1).Count(l => l.Length > 0);
        var expectedLoaded = faults.Count(f => f == Fault.None);
        var expectedBadRecords = Enumerable.Range(1, faults.Count).Where(i => faults[i - 1] != Fault.None).Select(i => (long)i).ToList();

        var r = h.Load("police-recorded-crime", "mixed.csv", text);
        Assert.Equal(expectedRead, r.RowsRead);
        Assert.Equal(expectedLoaded, r.RowsLoaded);
        Assert.Equal(expectedRead - expectedLoaded, r.RowsQuarantined);
        Assert.Equal(r.RowsRead, r.RowsLoaded + r.RowsQuarantined);

        var logged = h.Store.Query($"SELECT rows_read, rows_loaded, rows_quarantined FROM loads WHERE load_id = {r.LoadId}", x => (x.GetInt64(0), x.GetInt64(1), x.GetInt64(2))).Single();
        Assert.Equal((r.RowsRead, r.RowsLoaded, r.RowsQuarantined), logged);
        var loadedRows = h.SourceRows("police-recorded-crime", r.LoadId);
        var quarantinedRows = h.Store.Query($"SELECT DISTINCT source_row FROM quarantine WHERE load_id = {r.LoadId} ORDER BY 1", x => x.GetInt64(0));
        Assert.Equal(expectedBadRecords, quarantinedRows);
        Assert.Equal(Enumerable.Range(1, faults.Count).Select(i => (long)i), loadedRows.Concat(quarantinedRows).Order());
        Assert.Equal(faults.Count(f => f == Fault.TwoFaults), h.Count($"SELECT count(*) FROM (SELECT source_row FROM quarantine WHERE load_id = {r.LoadId} GROUP BY 1 HAVING count(*) = 2)"));
        foreach (var (rule, fault) in new[] { ("malformed-row", Fault.TooManyFields), ("unique", Fault.DuplicateId), ("type", Fault.BadDate) })
        {
            var expected = Enumerable.Range(1, faults.Count).Where(i => faults[i - 1] == fault || (rule == "malformed-row" && faults[i - 1] == Fault.TooFewFields)).Select(i => (long)i);
            Assert.Equal(expected, h.Store.Query($"SELECT source_row FROM quarantine WHERE load_id = {r.LoadId} AND rule = '{rule}' ORDER BY 1", x => x.GetInt64(0)));
        }
        Assert.Equal(0, h.Count($"SELECT count(*) FROM quarantine WHERE load_id = {r.LoadId} AND source_line <> source_row + 1"));
    }

    [Fact]
    public void InvariantHoldsOverSeveralFilesOfAKind()
    {
        using var h = new Harness();
        var a = h.Load("centroids", "a.csv", Fixture.Csv("centroids", null, Fixture.Set(("x", "-5")), null));
        var b = h.Load("centroids", "b.csv", Fixture.Csv("centroids", Fixture.Set(("lsoa21_code", "E01000001")), Fixture.Set(("lsoa21_code", "E01000009"))));
        Assert.Equal((3L, 2L, 1L), (a.RowsRead, a.RowsLoaded, a.RowsQuarantined));
        Assert.Equal((2L, 1L, 1L), (b.RowsRead, b.RowsLoaded, b.RowsQuarantined));
        Assert.Equal(3, h.Rows("centroids"));
        Assert.Equal(2, h.Count("SELECT count(DISTINCT (load_id, source_row)) FROM quarantine"));
        Assert.Equal(h.Count("SELECT CAST(sum(rows_read) AS BIGINT) FROM loads"), h.Count("SELECT CAST(sum(rows_loaded) + sum(rows_quarantined) AS BIGINT) FROM loads"));
    }
}
