using System.Globalization;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>A column outside the schema that looks like a direct identifier, by name or by content, refuses the whole file.</summary>
public sealed class PersonalDataScreeningTests
{
    private static string WithExtraColumn(string column, IReadOnlyList<string> values)
    {
        var lines = Fixture.ValidCsv("police-street", values.Count).TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Select((l, i) => l + "," + Fixture.CsvField(i == 0 ? column : values[i - 1]))) + "\n";
    }

    private static void AssertRefused(Harness h, string fileName, string text, string column, string? what)
    {
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", fileName, text));
        Assert.Contains(fileName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{column}'", ex.Message, StringComparison.Ordinal);
        if (what is not null) Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Count("SELECT count(*) FROM loads"));
        Assert.Equal(0, h.Count("SELECT count(*) FROM police_street"));
        Assert.Equal(0, h.Count("SELECT count(*) FROM quarantine"));
    }

    [Theory]
    [InlineData("Patient Name")]
    [InlineData("Victim Surname")]
    [InlineData("Forename")]
    [InlineData("Date of Birth")]
    [InlineData("DOB")]
    [InlineData("NHS No")]
    [InlineData("Home Postcode")]
    [InlineData("Email")]
    [InlineData("Mobile")]
    [InlineData("Address Line 1")]
    [InlineData("National Insurance Number")]
    public void ColumnWhoseNameSuggestsADirectIdentifierRefusesTheFile(string column)
    {
        using var h = new Harness();
        AssertRefused(h, "named.csv", WithExtraColumn(column, ["x", "y", "z"]), column, "name suggests a direct identifier");
    }

    [Fact]
    public void EmailAddressesInAnUnnamedColumnRefuseTheFile()
    {
        using var h = new Harness();
        AssertRefused(h, "mail.csv", WithExtraColumn("Ref", ["a.smith@example.org", "b_jones+x@mail.example.co.uk", "c@ex.com", ""]), "Ref", "e-mail addresses");
    }

    [Fact]
    public void UkPhoneNumbersInAnUnnamedColumnRefuseTheFile()
    {
        using var h = new Harness();
        AssertRefused(h, "tel.csv", WithExtraColumn("Contact", ["07700 900123", "+44 20 7946 0958", "(0113) 496-0000"]), "Contact", "telephone numbers");
    }

    [Fact]
    public void PostcodesInAnUnnamedColumnRefuseTheFile()
    {
        using var h = new Harness();
        AssertRefused(h, "pc.csv", WithExtraColumn("Where", ["SW1A 1AA", "m1 1ae", "LS11 5DB", "unknown"]), "Where", "full postcodes");
    }

    [Fact]
    public void NhsNumbersWithValidCheckDigitsInAnUnnamedColumnRefuseTheFile()
    {
        using var h = new Harness();
        var values = new[] { "943 476 5919", Fixture.ValidNhsNumber(1), Fixture.ValidNhsNumber(2), Fixture.ValidNhsNumber(3) };
        AssertRefused(h, "nhs.csv", WithExtraColumn("Identifier", values), "Identifier", "NHS numbers");
    }

    [Fact]
    public void TenDigitNumbersWithInvalidCheckDigitsAreNotRefused()
    {
        using var h = new Harness();
        var values = Enumerable.Range(1, 6).Select(Fixture.InvalidNhsNumber).ToList();
        Assert.All(values, v => Assert.Matches("^[0-9]{10}$", v));
        var r = h.Load("police-street", "ten.csv", WithExtraColumn("Identifier", values));
        Assert.Equal((6L, 6L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains(r.Notes, n => n.Contains("'Identifier'", StringComparison.Ordinal) && n.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void OrdinaryNumbersAndCodesInAnExtraColumnAreNotRefused()
    {
        using var h = new Harness();
        var values = Enumerable.Range(1, 5).Select(i => (1_000_000 + i * 37).ToString(CultureInfo.InvariantCulture)).ToList();
        var r = h.Load("police-street", "ok.csv", WithExtraColumn("Batch", values));
        Assert.Equal(0, r.RowsQuarantined);
        Assert.Equal(5, r.RowsLoaded);
    }

    [Fact]
    public void PersonalNameInAGeoJsonPropertyRefusesTheFile()
    {
        using var h = new Harness();
        var json = Fixture.Boundaries(2).Replace("\"LADCD_ACTIVE\":\"E08000001\"", "\"LADCD_ACTIVE\":\"E08000001\",\"Victim Name\":\"Jo Bloggs\"", StringComparison.Ordinal);
        var ex = Assert.Throws<UserErrorException>(() => h.Load("boundaries", "b.geojson", json));
        Assert.Contains("'Victim Name'", ex.Message, StringComparison.Ordinal);
    }
}
