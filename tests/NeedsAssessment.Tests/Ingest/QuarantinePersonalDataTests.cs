namespace NeedsAssessment.Tests.Ingest;

/// <summary>
/// The quarantine keeps what an analyst needs to fix a row, never personal data: no ignored or direct-identifier
/// column in a raw record, and free text holding an e-mail, phone number, postcode or NHS number is screened.
/// </summary>
public sealed class QuarantinePersonalDataTests
{
    [Fact]
    public void AMalformedRowOfAFileWithAnIgnoredColumnKeepsNoRawLine()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("police-street", 3).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++) lines[i] += i == 0 ? ",Officer notes" : ",Seen with Jo Bloggs";
        lines[2] += ",surplus";
        var r = h.Load("police-street", "notes.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal("malformed-row", q.Rule);
        Assert.Equal(0, h.Count("SELECT count(*) FROM quarantine WHERE raw_record LIKE '%Bloggs%' OR raw_value LIKE '%Bloggs%' OR message LIKE '%Bloggs%'"));
    }

    [Fact]
    public void ATypeFailureKeepsOnlyStoredColumnsInItsRawRecord()
    {
        using var h = new Harness();
        var lines = Fixture.Csv("police-street", null, Fixture.Set(("month", "2024-13x"))).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++) lines[i] += i == 0 ? ",Officer notes" : ",Seen with Jo Bloggs";
        var r = h.Load("police-street", "notes2.csv", string.Join('\n', lines) + "\n");
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal("type", q.Rule);
        Assert.DoesNotContain("Bloggs", q.RawRecord ?? "", StringComparison.Ordinal);
        Assert.Contains("2024-13x", q.RawRecord ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Assault reported by jo.bloggs@example.com")]
    [InlineData("Victim tel 07700 900123")]
    [InlineData("Outside YO1 7HH")]
    [InlineData("NHS 943 476 5919")]
    public void FreeTextHoldingAnIdentifierQuarantinesTheRowWithoutKeepingIt(string description)
    {
        using var h = new Harness();
        var r = h.Load("police-recorded-crime", "prc.csv", Fixture.Csv("police-recorded-crime", null, Fixture.Set(("offence_description", description)), null));
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal(("personal-data", 2L, "Offence Description"), (q.Rule, q.Record, q.Column));
        Assert.Null(q.RawValue);
        Assert.Contains("[removed: personal data]", q.RawRecord ?? "", StringComparison.Ordinal);
        var needle = description.Split(' ')[^1];
        Assert.Equal(0, h.Count($"SELECT count(*) FROM quarantine WHERE contains(coalesce(raw_record, '') || coalesce(raw_value, '') || message, '{needle}')"));
        Assert.Equal(0, h.Count($"SELECT count(*) FROM police_recorded_crime WHERE contains(offence_description, '{needle}')"));
    }

    [Fact]
    public void AStrayQuoteLineHoldingAnIdentifierIsQuarantinedWithoutItsText()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("police-street", 5).TrimEnd('\n').Split('\n');
        lines[2] = lines[2][..(lines[2].LastIndexOf(',') + 1)] + "\"text 2 jo@example.com";
        var r = h.Load("police-street", "stray-pii.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((5L, 4L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(0, h.Count("SELECT count(*) FROM quarantine WHERE contains(coalesce(raw_record, ''), 'jo@example.com')"));
    }
}
