namespace NeedsAssessment.Tests.Ingest;

/// <summary>A wrong or missing header names the file, the missing and unexpected columns and the closest expected names.</summary>
public sealed class HeaderMismatchTests
{
    [Fact]
    public void MissingColumnIsNamedWithTheExpectedHeader()
    {
        using var h = new Harness();
        var fields = Fixture.FileFields("police-street").Where(f => f.Name != "crime_type").ToList();
        var text = Fixture.Header(fields) + "\n" + Fixture.Line(fields, 1) + "\n";
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", "no-type.csv", text));
        Assert.Contains("no-type.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'police-street'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Missing column(s): 'Crime type'.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Expected header: Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Count("SELECT count(*) FROM loads"));
    }

    [Fact]
    public void MisspeltColumnsAreUnexpectedWithTheClosestExpectedName()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("police-street", 1).Replace("Crime type", "Crime_typ", StringComparison.Ordinal).Replace("Falls within", "Fall within", StringComparison.Ordinal);
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", "typo.csv", text));
        Assert.Contains("typo.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Missing column(s): 'Falls within', 'Crime type'.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Unexpected column(s): 'Fall within', 'Crime_typ'.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'Crime type' for 'Crime_typ'?", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'Falls within' for 'Fall within'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileOfAnotherKindListsEveryMissingColumn()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("deprivation", "street.csv", Fixture.ValidCsv("police-street", 1)));
        Assert.Contains("street.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'LSOA code (2011)'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Index of Multiple Deprivation (IMD) Decile'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Unexpected column(s): 'Crime ID'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoHeaderLineIsReportedAsAHeaderMismatch()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("police-street", 2);
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", "headless.csv", text[(text.IndexOf('\n') + 1)..]));
        Assert.Contains("headless.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Missing column(s):", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedColumnIsRefused()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("deprivation", 1);
        var lines = text.Split('\n');
        var path = lines[0] + ",LSOA Code (2011)\n" + lines[1] + ",E01000009\n";
        var ex = Assert.Throws<UserErrorException>(() => h.Load("deprivation", "dup.csv", path));
        Assert.Contains("dup.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("repeats column(s) 'LSOA code (2011)'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraColumnThatIsNotPersonalIsIgnoredWithANote()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("deprivation", 2).Split('\n');
        var text = lines[0] + ",Notes\n" + lines[1] + ",fine\n" + lines[2] + ",ok\n";
        var r = h.Load("deprivation", "extra.csv", text);
        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains(r.Notes, n => n.Contains("'Notes'", StringComparison.Ordinal) && n.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void OptionalColumnMayBeOmittedAndIsStoredAsNull()
    {
        using var h = new Harness();
        var r = h.Load("lsoa-lookup", "lookup.csv", Fixture.ValidCsv("lsoa-lookup", 2));
        Assert.Equal(0, r.RowsQuarantined);
        Assert.Equal(2, h.Count("SELECT count(*) FROM lsoa_lookup WHERE change_indicator IS NULL"));
    }
}
