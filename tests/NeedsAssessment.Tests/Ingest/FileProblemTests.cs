using System.Text;
using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>Empty, binary and truncated files, delimiters, BOMs, Windows-1252, quoted commas, thousands separators and blank lines.</summary>
public sealed class FileProblemTests
{
    private static void AssertNothingWritten(Harness h)
    {
        Assert.Equal(0, h.Count("SELECT count(*) FROM loads"));
        Assert.Equal(0, h.Count("SELECT count(*) FROM quarantine"));
    }

    [Fact]
    public void EmptyFileIsRefusedNamingTheFileAndTheExpectedHeader()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", "empty.csv", ""));
        Assert.Contains("empty.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("empty", ex.Message.Replace("empty.csv", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Crime ID,Month,Reported by", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void A_file_named_gz_that_is_not_gzip_is_refused_as_a_user_error_saying_so()
    {
        using var h = new Harness();
        var path = h.Dir.File("2024-01-street.csv.gz", Fixture.ValidCsv("police-street", 2));
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", path));
        Assert.Contains("2024-01-street.csv.gz: the name ends in .gz but the file is not gzip-compressed", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void A_gzip_file_damaged_after_its_signature_is_refused_as_damaged()
    {
        using var h = new Harness();
        var path = h.Dir.Bytes("street.csv.gz", [0x1F, 0x8B, 0x08, 0x00, .. System.Text.Encoding.ASCII.GetBytes("garbage after a gzip signature")]);
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", path));
        Assert.Contains("street.csv.gz: the gzip file is", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void An_empty_geojson_file_is_refused_saying_what_geojson_is_expected()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("boundaries", "lsoa.geojson", ""));
        Assert.Contains("lsoa.geojson: the file is empty (0 bytes). Expected a GeoJSON FeatureCollection", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("header line", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}")]
    [InlineData("{\"type\":\"FeatureCollection\"}")]
    public void A_geojson_collection_without_features_is_refused_as_empty_not_as_a_header_mismatch(string text)
    {
        // Before: "the header does not match the 'boundaries' schema ... Missing column(s): 'LSOA21CD', 'LSOA21NM'".
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("boundaries", "lsoa.geojson", text));
        Assert.StartsWith("lsoa.geojson: the GeoJSON holds no features, so there is no area to load. Expected a GeoJSON FeatureCollection whose features carry", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void A_json_file_holding_an_empty_array_is_refused_as_empty_not_as_a_header_mismatch()
    {
        // Before: "the header does not match ... Unexpected column(s): 'json' ... check the delimiter".
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", "street.json", "[]"));
        Assert.StartsWith("street.json: the JSON holds no records, so there is nothing to load. Expected JSON records with the fields Crime ID,", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void FileWithBlankFirstLineIsRefused()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", "blank.csv", "\n" + Fixture.ValidCsv("police-street", 1)));
        Assert.Contains("blank.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("first line is blank", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryFileIsRefusedAsBinary()
    {
        using var h = new Harness();
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00 };
        var path = h.Dir.Bytes("crimes.csv", bytes);
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", path));
        Assert.Contains("crimes.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("binary", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void Utf16TextIsRefusedAsBinaryWithAHintToSaveAsUtf8()
    {
        using var h = new Harness();
        var path = h.Dir.Bytes("unicode.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Fixture.ValidCsv("police-street", 2))).ToArray());
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", path));
        Assert.Contains("unicode.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void TruncatedGzipIsAUserErrorNamingTheFile()
    {
        using var h = new Harness();
        var full = h.Dir.Gzip("full.csv.gz", Fixture.ValidCsv("police-street", 2000));
        var bytes = File.ReadAllBytes(full);
        var path = h.Dir.Bytes("cut.csv.gz", bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", path));
        Assert.Contains("cut.csv.gz", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void CsvTruncatedMidRowQuarantinesTheLastRowAsMalformed()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("police-street", 3);
        var cut = text[..(text.TrimEnd('\n').LastIndexOf(',') - 10)];
        var r = h.Load("police-street", "cut.csv", cut);
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine());
        Assert.Equal(("malformed-row", 3L, 4L), (q.Rule, q.Record, q.Line));
    }

    [Fact]
    public void CsvTruncatedInsideAQuotedValueIsQuarantinedNotLoaded()
    {
        using var h = new Harness();
        var text = Fixture.Csv("police-street", null, null, Fixture.Set(("location", "On or near, High Street")));
        var cut = text[..(text.IndexOf("On or near, High", StringComparison.Ordinal) + 8)];
        var r = h.Load("police-street", "cut-quote.csv", cut);
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("malformed-row", Assert.Single(h.Quarantine()).Rule);
    }

    [Theory]
    [InlineData(';', "';'")]
    [InlineData('\t', "'\\t'")]
    [InlineData('|', "'|'")]
    public void OtherDelimiterIsDetectedUsedAndNoted(char delimiter, string shown)
    {
        using var h = new Harness();
        var r = h.Load("police-street", "semi.csv", Fixture.ValidCsv("police-street", 3, delimiter: delimiter));
        Assert.Equal((3L, 3L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains(r.Notes, n => n.Contains($"Delimiter {shown}", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownDelimiterIsReportedAsASingleColumnHeader()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-street", "colon.csv", Fixture.ValidCsv("police-street", 2).Replace(',', ':')));
        Assert.Contains("colon.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the delimiter", ex.Message, StringComparison.Ordinal);
        AssertNothingWritten(h);
    }

    [Fact]
    public void Utf8ByteOrderMarkIsIgnored()
    {
        using var h = new Harness();
        var text = "\uFEFF" + Fixture.ValidCsv("deprivation", 2);
        var r = h.Load("deprivation", "bom.csv", text);
        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("E01000001", h.Store.Scalar("SELECT lsoa11_code FROM deprivation WHERE source_row = 1"));
    }

    [Fact]
    public void Windows1252TextIsReadAndNoted()
    {
        using var h = new Harness();
        var text = Fixture.Csv("deprivation", Fixture.Set(("lsoa11_name", "Ynys Môn – Café 001A")), null).Replace("\n", "\r\n", StringComparison.Ordinal);
        var path = h.Dir.Bytes("cp1252.csv", SourceFile.Windows1252.GetBytes(text));
        var r = h.Ingester.Load("deprivation", path);
        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains(r.Notes, n => n.Contains("Windows-1252", StringComparison.Ordinal));
        Assert.Equal("Ynys Môn – Café 001A", h.Store.Scalar("SELECT lsoa11_name FROM deprivation WHERE source_row = 1"));
    }

    [Fact]
    public void Windows1252GzippedTextIsRead()
    {
        using var h = new Harness();
        var text = Fixture.Csv("deprivation", Fixture.Set(("lsoa11_name", "Café 001A")));
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(SourceFile.Windows1252.GetBytes(text));
        var r = h.Ingester.Load("deprivation", h.Dir.Bytes("cp1252.csv.gz", ms.ToArray()));
        Assert.Equal((1L, 1L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("Café 001A", h.Store.Scalar("SELECT lsoa11_name FROM deprivation"));
    }

    [Fact]
    public void AMultiByteCharacterSplitAcrossReadBuffersIsStillUtf8()
    {
        using var h = new Harness();
        // The file is read in 1 MiB buffers: put the three bytes of '€' across the first boundary.
        const string marker = "@@NAME@@";
        var template = Fixture.Csv("deprivation", Fixture.Set(("lsoa11_name", marker)));
        var before = Encoding.UTF8.GetByteCount(template[..template.IndexOf(marker, StringComparison.Ordinal)]);
        var name = new string('A', (1 << 20) - 1 - before) + "€ 001A";
        var path = h.Dir.File("split-char.csv", template.Replace(marker, name, StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0xE2, bytes[(1 << 20) - 1]); // the euro sign starts on the buffer's last byte
        var r = h.Ingester.Load("deprivation", path);
        Assert.Equal((1L, 1L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.DoesNotContain(r.Notes, n => n.Contains("Windows-1252", StringComparison.Ordinal));
        Assert.Equal(name, h.Store.Scalar("SELECT lsoa11_name FROM deprivation"));
    }

    [Fact]
    public void TextEndingInsideAMultiByteCharacterIsNotUtf8()
    {
        using var h = new Harness();
        var text = Fixture.Csv("deprivation", Fixture.Set(("lsoa11_name", "Cafe 001A")));
        var bytes = Encoding.UTF8.GetBytes(text.TrimEnd('\n')).Concat(new byte[] { 0xC3 }).ToArray(); // first byte of 'é' only
        var r = h.Ingester.Load("deprivation", h.Dir.Bytes("cut.csv", bytes));
        Assert.Contains(r.Notes, n => n.Contains("Windows-1252", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRecordedHashIsOfTheWholeFileAsStoredEvenWhenGzipped()
    {
        using var h = new Harness();
        var path = h.Dir.Gzip("deprivation.csv.gz", Fixture.ValidCsv("deprivation", 50));
        var r = h.Ingester.Load("deprivation", path);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(expected, r.Sha256);
        Assert.Equal(expected, h.Store.Scalar($"SELECT sha256 FROM loads WHERE load_id = {r.LoadId}"));
    }

    [Fact]
    public void QuotedCommasAndQuotesStayInsideTheirField()
    {
        using var h = new Harness();
        var r = h.Load("police-street", "quoted.csv", Fixture.Csv("police-street", Fixture.Set(("location", "On or near \"The Crown\", High Street"))));
        Assert.Equal((1L, 1L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("On or near \"The Crown\", High Street", h.Store.Scalar("SELECT location FROM police_street"));
    }

    [Fact]
    public void UnquotedThousandsSeparatorIsReportedAsAMalformedRowWithItsRecordNumber()
    {
        using var h = new Harness();
        var text = "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\n"
                   + "E01000001,A,E09000001,B,\"29,199\",9\n"
                   + "E01000002,A,E09000001,B,29,199,9\n"
                   + "E01000003,A,E09000001,B,875,1\n";
        var r = h.Load("deprivation", "imd.csv", text);
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine());
        Assert.Equal(("malformed-row", 2L, 3L), (q.Rule, q.Record, q.Line));
        Assert.Equal([1L, 3L], h.SourceRows("deprivation", r.LoadId));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void BlankTrailingLinesAreNotRows(string newline)
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("police-street", 3, newline: newline) + newline + newline + newline;
        var r = h.Load("police-street", "trailing.csv", text);
        Assert.Equal((3L, 3L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
    }

    [Fact]
    public void TrailingLineOfSpacesIsReportedAsAMalformedRowWithItsLine()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("police-street", 3) + "   \n";
        var r = h.Load("police-street", "spaces.csv", text);
        Assert.Equal((4L, 3L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine());
        Assert.Equal(("malformed-row", 4L, 5L), (q.Rule, q.Record, q.Line));
    }

    [Fact]
    public void MissingFileIsAUserError()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", Path.Combine(h.Dir.Path, "nope.csv")));
        Assert.Contains("nope.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKindIsAUserErrorListingTheKinds()
    {
        using var h = new Harness();
        var path = h.Dir.File("x.csv", "a\n1\n");
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-streets", path));
        Assert.Contains("police-streets", ex.Message, StringComparison.Ordinal);
        Assert.Contains("police-street,", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderAndGlobInputsExpandInPathOrder()
    {
        using var h = new Harness();
        h.Dir.File("m/2024-02.csv", Fixture.ValidCsv("police-street", 1));
        h.Dir.File("m/2024-01.csv", Fixture.Csv("police-street", Fixture.Set(("month", "2023-12"))));
        h.Dir.File("m/readme.md", "not data");
        var results = h.Ingester.Ingest("police-street", [Path.Combine(h.Dir.Path, "m")]);
        Assert.Equal(["2024-01.csv", "2024-02.csv"], results.Select(r => Path.GetFileName(r.FilePath)));
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Ingest("police-street", [Path.Combine(h.Dir.Path, "m", "*.parquet")]));
        Assert.Contains("*.parquet", ex.Message, StringComparison.Ordinal);
    }
}
