using System.Buffers;

namespace NeedsAssessment.Ingest;

/// <summary>
/// Where each CSV record starts, found in the same byte pass as the UTF-8 check. Record numbers and file line
/// numbers part ways after a blank line, a quoted newline inside a value, or a header that spans lines; DuckDB's
/// reader skips blank lines and its reject 'line' counts records plus blank lines, so both are mapped here. Only the
/// points where an offset changes are kept (none for an ordinary file).
/// </summary>
internal sealed class CsvLineMap
{
    private static readonly SearchValues<byte> Special = SearchValues.Create("\"\r\n"u8);

    private long _line = 1;
    private long _record = -1;
    private long _blanks;
    private long _startLine = 1;
    private bool _inQuotes;
    private bool _empty = true;
    private bool _previousCr;

    /// <summary>From record <c>Record</c> on (the header is record 0), a record's first line is <c>Record + 1 + Extra</c>.</summary>
    public List<(long Record, long Extra)> LineOffsets { get; } = [];

    /// <summary>From record <c>Record</c> on, <c>Blanks</c> blank lines lie between the header and the record.</summary>
    public List<(long Record, long Blanks)> BlankLines { get; } = [];

    /// <summary>True when every record is one line, no blank line lies between them and no quote needs checking.</summary>
    public bool IsTrivial => LineOffsets.Count == 0 && BlankLines.Count == 0 && !NeedsQuoteCheck;

    /// <summary>
    /// True when a quoted value runs over a line end or the text ends inside quotes: the file may hold a stray
    /// quote, which <see cref="UnterminatedQuotes"/> then looks for.
    /// </summary>
    public bool NeedsQuoteCheck { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var k = bytes.IndexOfAny(Special);
            if (k < 0) { Content(); _previousCr = false; return; }
            if (k > 0) { Content(); _previousCr = false; }
            var b = bytes[k];
            bytes = bytes[(k + 1)..];
            if (b == (byte)'"') { Content(); _inQuotes = !_inQuotes; _previousCr = false; continue; }
            if (b == (byte)'\n' && _previousCr) { _previousCr = false; continue; } // second byte of CRLF
            _previousCr = b == (byte)'\r';
            if (_inQuotes) { _line++; NeedsQuoteCheck = true; continue; }
            if (_empty) { if (_record >= 0) _blanks++; }
            else EndRecord();
            _line++;
        }
    }

    public void Finish()
    {
        if (_inQuotes) NeedsQuoteCheck = true;
        if (!_empty) EndRecord();
    }

    private void Content()
    {
        if (!_empty) return;
        _empty = false;
        _startLine = _line;
    }

    private void EndRecord()
    {
        _record++;
        _empty = true;
        var extra = _startLine - (_record + 1);
        if (extra != (LineOffsets.Count == 0 ? 0 : LineOffsets[^1].Extra)) LineOffsets.Add((_record, extra));
        if (_blanks != (BlankLines.Count == 0 ? 0 : BlankLines[^1].Blanks)) BlankLines.Add((_record, _blanks));
    }

    /// <summary>
    /// The same map for a file whose first <paramref name="lines"/> lines were left out before it was read (title
    /// rows above a workbook's header): line numbers move down by that many, record numbers stay.
    /// </summary>
    public CsvLineMap ShiftedBy(long lines)
    {
        var shifted = new CsvLineMap();
        if (LineOffsets.Count == 0 || LineOffsets[0].Record > 0) shifted.LineOffsets.Add((0, lines));
        shifted.LineOffsets.AddRange(LineOffsets.Select(o => (o.Record, o.Extra + lines)));
        shifted.BlankLines.AddRange(BlankLines);
        return shifted;
    }
}
