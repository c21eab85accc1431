using System.Globalization;
using System.Text;

namespace NeedsAssessment.Ingest;

/// <summary>A line whose opening quote never closes properly, set aside before DuckDB reads the file.</summary>
/// <param name="Marker">The text that stands in for the line in the copy DuckDB reads.</param>
/// <param name="Line">The line's number in the file (the header is line 1).</param>
/// <param name="Text">The line as written.</param>
internal sealed record UnterminatedQuote(string Marker, long Line, string Text);

/// <summary>
/// One stray opening quote makes a CSV reader treat everything up to the next quote character as one value:
/// DuckDB then rejects that one huge "record" and, when the quote never closes, silently ends the file there
/// (1 record read of 299). This finds each record whose quoted value runs over a line end and then either reaches
/// the end of the file or "closes" on a quote followed by something other than a delimiter or line end (the next
/// value's opening quote), and hands DuckDB a copy where that record's first line is replaced by a marker line it
/// rejects as malformed. Reading then resumes at the next line, so every other record is read, loaded or
/// quarantined, and counted; the marker's reason and the line as written go to the quarantine.
/// </summary>
/// <remarks>
/// Only files whose byte pass saw a value spanning lines, or text ending inside quotes, are scanned (<see
/// cref="CsvLineMap.NeedsQuoteCheck"/>); an ordinary file is never read twice. A quoted value that spans lines
/// and closes properly (IoD2019 File 2's header, a free-text description) is kept as it is.
/// </remarks>
internal static class UnterminatedQuotes
{
    /// <summary>
    /// Writes the repaired UTF-8 copy into <paramref name="tempFolder"/> when the file has unterminated quotes;
    /// returns null (and writes nothing) when it has none.
    /// </summary>
    public static (string Path, SourceFile File, IReadOnlyList<UnterminatedQuote> Lines)? Repair(SourceFile file, string tempFolder)
    {
        if (file.Format != SourceFormat.Csv || file.Lines is not { NeedsQuoteCheck: true }) return null;
        string text;
        using (var input = file.OpenDecoded())
            text = input.ReadToEnd();
        var lineStarts = LineStarts(text);
        var bad = FindBadLines(text, lineStarts, file.Delimiter);
        if (bad.Count == 0) return null;

        var target = Path.Combine(tempFolder, $"na-quotes-{file.Sha256[..16]}-{Environment.ProcessId}.csv");
        var map = new CsvLineMap();
        var found = new List<UnterminatedQuote>();
        var utf8 = new UTF8Encoding(false);
        using (var output = new FileStream(target, FileMode.Create, FileAccess.Write))
        {
            void Write(string s)
            {
                var bytes = utf8.GetBytes(s);
                map.Feed(bytes);
                output.Write(bytes);
            }
            var from = 0;
            foreach (var i in bad)
            {
                var start = lineStarts[i];
                var end = i + 1 < lineStarts.Count ? lineStarts[i + 1] : text.Length;
                Write(text[from..start]);
                var line = text[start..end];
                var body = line.TrimEnd('\r', '\n');
                // One more field than the header, none empty (DuckDB drops trailing empty fields): rejected as 'too many columns'.
                var marker = $"__na_unterminated_quote_{found.Count + 1}__";
                found.Add(new UnterminatedQuote(marker, i + 1, body));
                Write(marker + string.Concat(Enumerable.Repeat(file.Delimiter + "x", file.Header.Count)) + line[body.Length..]);
                from = end;
            }
            Write(text[from..]);
        }
        map.Finish();
        return (target, file with { Lines = map.IsTrivial ? null : map }, found);
    }

    /// <summary>The offset where each line starts (after \n, \r\n or a lone \r).</summary>
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if ((text[i] == '\n' || text[i] == '\r') && i + 1 < text.Length) starts.Add(i + 1);
        }
        return starts;
    }

    /// <summary>Indexes of lines that open a record whose quote runs over a line end and never closes properly.</summary>
    private static List<int> FindBadLines(string text, List<int> lineStarts, char delimiter)
    {
        var bad = new List<int>();
        var line = 0;
        while (line < lineStarts.Count)
        {
            var (ok, next) = ParseRecord(text, lineStarts, line, delimiter);
            if (ok || line == 0) { line = next; continue; } // a header that breaks is HeaderMatcher's business
            bad.Add(line);
            line++; // resume at the next line
        }
        return bad;
    }

    /// <summary>
    /// Parses one RFC 4180 record starting at line <paramref name="line"/>: ok unless a quoted value crosses a line
    /// end and then reaches the end of the text or closes before a character that is not a delimiter or line end.
    /// <c>next</c> is the line after the record.
    /// </summary>
    private static (bool Ok, int Next) ParseRecord(string text, List<int> lineStarts, int line, char delimiter)
    {
        var i = lineStarts[line];
        var currentLine = line;
        var fieldStart = true;
        var inQuotes = false;
        var afterQuote = false;
        var crossedLine = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { i += 2; continue; }
                    inQuotes = false;
                    afterQuote = true;
                }
                else if (c == '\n' || c == '\r')
                {
                    crossedLine = true;
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    currentLine++;
                }
                i++;
                continue;
            }
            if (c == '\n' || c == '\r') return (true, currentLine + 1);
            if (afterQuote && c != delimiter)
                return (!crossedLine, crossedLine ? line + 1 : NextLine(lineStarts, currentLine));
            if (c == delimiter) { fieldStart = true; afterQuote = false; }
            else if (fieldStart && c == '"') { inQuotes = true; fieldStart = false; }
            else fieldStart = false;
            i++;
        }
        return (!inQuotes || !crossedLine, inQuotes ? line + 1 : currentLine + 1);
    }

    private static int NextLine(List<int> lineStarts, int currentLine) => Math.Min(currentLine + 1, lineStarts.Count);

    /// <summary>The message quarantine gives a set-aside line.</summary>
    public static string Message(UnterminatedQuote q) => string.Create(CultureInfo.InvariantCulture,
        $"unterminated quote: a value on line {q.Line} opens a quote that is never closed before the line ends (the next quote character is the end of the file or the middle of a later value), so the record cannot be split into fields. Close or remove the quote; the loader resumed at the next line.");
}
