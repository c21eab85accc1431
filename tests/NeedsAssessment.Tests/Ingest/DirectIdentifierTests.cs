namespace NeedsAssessment.Tests.Ingest;

/// <summary>A direct-identifier column declared in the schema is never stored and never appears in quarantine.</summary>
public sealed class DirectIdentifierTests
{
    private static string AllStoredText(Harness h, string table) =>
        string.Join("\n",
            h.Store.ScalarOrNull($"SELECT string_agg(CAST(t AS VARCHAR), '|') FROM {table} t") ?? "",
            h.Store.ScalarOrNull("SELECT string_agg(CAST(q AS VARCHAR), '|') FROM quarantine q") ?? "",
            h.Store.ScalarOrNull("SELECT string_agg(CAST(l AS VARCHAR), '|') FROM loads l") ?? "");

    [Fact]
    public void NhsNumberColumnIsNotStoredNorInQuarantineRawRecords()
    {
        using var h = new Harness();
        var fields = Fixture.FileFields("health-ed-assault", includeOptional: true);
        Assert.Contains(fields, f => f.SourceName == "NHS Number");
        var nhs = Enumerable.Range(1, 6).Select(Fixture.ValidNhsNumber).ToList();
        var lines = new List<string> { Fixture.Header(fields) };
        for (var i = 1; i <= 6; i++)
        {
            var set = Fixture.Set(("nhs_number", nhs[i - 1]));
            if (i == 2) set["assault_method"] = "spoon";                // bad enum: quarantined with a raw record
            if (i == 3) set["attendance_id"] = "ID-00001";              // duplicate id: quarantined with a raw record
            var line = Fixture.Line(fields, i, set);
            if (i == 4) line += ",surplus";                           // malformed row: quarantined with the raw line
            lines.Add(line);
        }
        var r = h.Load("health-ed-assault", "ed.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((6L, 3L, 3L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains(r.Notes, n => n.Contains("'NHS Number' is a direct identifier: not stored", StringComparison.Ordinal));
        Assert.Equal(0, h.Count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'health_ed_assault' AND column_name = 'nhs_number'"));
        var q = h.Quarantine(r.LoadId);
        Assert.Equal(["enum", "malformed-row", "unique"], q.Select(x => x.Rule).Order(StringComparer.Ordinal));
        var stored = AllStoredText(h, "health_ed_assault");
        foreach (var n in nhs) Assert.DoesNotContain(n, stored, StringComparison.Ordinal);
        Assert.All(q, x => Assert.DoesNotContain("NHS Number", x.RawRecord ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void CrimeReferenceColumnIsNotStoredNorInQuarantineRawRecords()
    {
        using var h = new Harness();
        var fields = Fixture.FileFields("police-recorded-crime", includeOptional: true);
        var lines = new List<string> { Fixture.Header(fields) };
        for (var i = 1; i <= 4; i++)
        {
            var set = Fixture.Set(("crime_reference", $"CR/{i:D5}/24"));
            if (i == 2) set["ho_offence_code"] = "ABC";
            var line = Fixture.Line(fields, i, set);
            if (i == 3) line = line[..line.LastIndexOf(',')];
            lines.Add(line);
        }
        var r = h.Load("police-recorded-crime", "prc.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((4L, 2L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var stored = AllStoredText(h, "police_recorded_crime");
        Assert.DoesNotContain("CR/", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectIdentifierColumnsAreNotInTheStoreLayout()
    {
        using var h = new Harness();
        var cols = h.Store.Query("SELECT column_name FROM information_schema.columns WHERE table_name IN ('health_ed_assault', 'police_recorded_crime')", x => x.GetString(0));
        Assert.DoesNotContain("nhs_number", cols);
        Assert.DoesNotContain("crime_reference", cols);
        Assert.Contains("attendance_id", cols);
    }
}
