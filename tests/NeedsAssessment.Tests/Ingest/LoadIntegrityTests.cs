using System.Text;
using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>
/// Files are their full path, not their name; a stray quote costs one record, not the rest of the file; one
/// invalid UTF-8 byte costs its record, not the decoding of the whole file. Rows read = loaded + quarantined.
/// </summary>
public sealed class LoadIntegrityTests
{
    [Fact]
    public void TwoFilesWithTheSameNameInDifferentFoldersBothLoad()
    {
        using var h = new Harness();
        var a = h.Ingester.Load("police-street", h.Dir.File("2024-01/street.csv", Fixture.ValidCsv("police-street", 3)));
        var b = h.Ingester.Load("police-street", h.Dir.File("2024-02/street.csv", Fixture.ValidCsv("police-street", 5)));
        Assert.Equal((LoadStatus.Loaded, LoadStatus.Loaded), (a.Status, b.Status));
        Assert.Equal(8, h.Rows("police-street"));
        Assert.Equal((3L, 5L), (h.Rows("police-street", a.LoadId), h.Rows("police-street", b.LoadId)));
        Assert.Equal(2, h.Count("SELECT count(*) FROM loads WHERE status = 'loaded'"));
        Assert.Equal(a.RowsLoaded + b.RowsLoaded, h.Rows("police-street"));
    }

    [Fact]
    public void AChangedFileAtTheSamePathStillReplacesItsEarlierRows()
    {
        using var h = new Harness();
        var path = h.Dir.File("2024-01/street.csv", Fixture.ValidCsv("police-street", 3));
        h.Ingester.Load("police-street", path);
        File.WriteAllText(path, Fixture.ValidCsv("police-street", 4));
        Assert.Equal(LoadStatus.Replaced, h.Ingester.Load("police-street", path).Status);
        Assert.Equal(4, h.Rows("police-street"));
    }

    [Fact]
    public void A_2099_and_a_1900_date_quarantine_their_records_with_the_date_window_rule_and_the_rest_load()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("police-street", 4).TrimEnd('\n').Split('\n');
        Assert.Contains(",2024-01,", lines[1], StringComparison.Ordinal);
        lines[1] = lines[1].Replace(",2024-01,", ",2099-01,", StringComparison.Ordinal);
        lines[3] = lines[3].Replace(",2024-01,", ",1900-01,", StringComparison.Ordinal);
        var r = h.Ingester.Load("police-street", h.Dir.File("street.csv", string.Join('\n', lines) + "\n"));
        Assert.Equal((4L, 2L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = h.Quarantine(r.LoadId).OrderBy(x => x.Record).ToList();
        Assert.Equal([("date-window", 1L, "Month", "2099-01"), ("date-window", 3L, "Month", "1900-01")], q.Select(x => (x.Rule, x.Record, x.Column, x.RawValue)));
        Assert.Contains("outside the plausible window 1990-01-01 to", q[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_date_window_can_be_widened_for_historic_extracts()
    {
        using var h = new Harness();
        var ingester = new Ingester(h.Store) { Dates = new PlausibleDates(new DateOnly(1900, 1, 1), 31) };
        var lines = Fixture.ValidCsv("police-street", 2).TrimEnd('\n').Split('\n');
        lines[1] = lines[1].Replace(",2024-01,", ",1950-01,", StringComparison.Ordinal);
        var r = ingester.Load("police-street", h.Dir.File("street.csv", string.Join('\n', lines) + "\n"));
        Assert.Equal((2L, 0L), (r.RowsLoaded, r.RowsQuarantined));
    }

    private static string StrayQuoteFile(int records, int strayAt, int? quotedCommaAt = null)
    {
        var lines = Fixture.ValidCsv("police-street", records).TrimEnd('\n').Split('\n');
        // The last column (context) opens a quote that never closes; another record's context is a quoted "a, b".
        lines[strayAt] = lines[strayAt][..(lines[strayAt].LastIndexOf(',') + 1)] + $"\"text {strayAt}";
        if (quotedCommaAt is int q) lines[q] = lines[q][..(lines[q].LastIndexOf(',') + 1)] + "\"a, b\"";
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void AQuoteThatNeverClosesQuarantinesItsRecordAndEveryOtherRecordLoads()
    {
        using var h = new Harness();
        var text = StrayQuoteFile(299, strayAt: 2);
        var r = h.Load("police-street", "stray.csv", text);
        Assert.Equal((299L, 298L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal(("unterminated-quote", 2L, 3L), (q.Rule, q.Record, q.Line));
        Assert.Contains("line 3", q.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", q.Message, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n')[2], q.RawRecord);
        Assert.Equal([1L, .. Enumerable.Range(3, 297).Select(i => (long)i)], h.SourceRows("police-street", r.LoadId));
        Assert.Equal("text 299", h.Store.Scalar("SELECT context FROM police_street WHERE source_row = 299"));
        Assert.Contains(r.Notes, n => n.Contains("never closes", StringComparison.Ordinal));
    }

    [Fact]
    public void AStrayQuoteThatMeetsALaterQuotedValueCostsOnlyItsOwnRecord()
    {
        using var h = new Harness();
        var r = h.Load("police-street", "stray2.csv", StrayQuoteFile(299, strayAt: 2, quotedCommaAt: 150));
        Assert.Equal((299L, 298L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal((2L, "unterminated-quote"), h.Quarantine(r.LoadId).Select(x => (x.Record, x.Rule)).Single());
        Assert.Equal("a, b", h.Store.Scalar("SELECT context FROM police_street WHERE source_row = 150"));
    }

    [Fact]
    public void AStrayQuoteInAWindows1252FileIsFoundToo()
    {
        using var h = new Harness();
        var text = StrayQuoteFile(20, strayAt: 5).Replace("text 7", "Caf\u00e9 7", StringComparison.Ordinal);
        var r = h.Ingester.Load("police-street", h.Dir.Bytes("cp.csv", SourceFile.Windows1252.GetBytes(text)));
        Assert.Equal((20L, 19L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("Caf\u00e9 7", h.Store.Scalar("SELECT location FROM police_street WHERE source_row = 7"));
    }

    [Fact]
    public void AQuotedValueSpanningLinesThatClosesIsStillOneRecord()
    {
        using var h = new Harness();
        var lines = Fixture.ValidCsv("police-street", 4).TrimEnd('\n').Split('\n');
        lines[2] = lines[2].Replace(",text 2,", ",\"text\nover two lines\",", StringComparison.Ordinal);
        var r = h.Load("police-street", "multi.csv", string.Join('\n', lines) + "\n");
        Assert.Equal((4L, 4L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("text\nover two lines", h.Store.Scalar("SELECT location FROM police_street WHERE source_row = 2"));
    }

    [Fact]
    public void OneInvalidUtf8ByteQuarantinesItsRecordAndTheRestStaysUtf8()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("police-street", 3).Replace("text 1", "Caf\u00e9 Nero", StringComparison.Ordinal).Replace("text 2", "te#xt 2", StringComparison.Ordinal);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xA3; // a lone Windows-1252 pound sign in a UTF-8 file
        var r = h.Ingester.Load("police-street", h.Dir.Bytes("bad-byte.csv", [.. bytes]));
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal((2L, 3L, "malformed-row"), (q.Record, q.Line ?? -1, q.Rule));
        Assert.Contains("invalid UTF-8", q.Message, StringComparison.Ordinal);
        Assert.Equal("Caf\u00e9 Nero", h.Store.Scalar("SELECT location FROM police_street WHERE source_row = 1"));
        Assert.DoesNotContain(r.Notes, n => n.Contains("Windows-1252", StringComparison.Ordinal));
    }
}
