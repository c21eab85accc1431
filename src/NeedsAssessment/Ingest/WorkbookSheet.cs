using System.Globalization;
using System.Text;
using ExcelDataReader;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// Turns one sheet of an Excel workbook (.xlsx or .xls), or a CSV whose column names sit below title lines, into a
/// plain UTF-8 CSV streamed to a temporary file, so it goes through exactly the loader's CSV path: the same checks,
/// quarantine and nothing-lost invariant. The rows above the header are left out and
/// <see cref="LinesAbove"/> says how many, so record numbers stay the data rows and line numbers are sheet rows.
/// </summary>
/// <remarks>
/// ExcelDataReader (MIT) reads both the binary .xls (BIFF) and the .xlsx formats through one forward-only reader,
/// one row at a time, so a large sheet never sits in memory; MiniExcel reads .xlsx only.
/// </remarks>
/// <param name="CsvPath">The temporary CSV; the caller deletes it.</param>
/// <param name="SheetName">The sheet read, or null for a CSV.</param>
/// <param name="LinesAbove">Rows (lines) above the header that were left out.</param>
internal sealed record WorkbookSheet(string CsvPath, string? SheetName, int LinesAbove) : IDisposable
{
    /// <summary>Deletes the temporary CSV.</summary>
    public void Dispose() => File.Delete(CsvPath);

    /// <summary>
    /// The loader's facts about the prepared CSV, under the original file's name, size and content hash (so a
    /// workbook loaded twice is recognised), with line numbers counted in the original's rows.
    /// </summary>
    public SourceFile Inspect(string originalPath, DatasetSchema schema)
    {
        var csv = SourceFile.Inspect(CsvPath, schema);
        string sha;
        using (var s = File.OpenRead(originalPath)) sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s));
        var lines = csv.Lines ?? new CsvLineMap();
        return csv with
        {
            FileName = Path.GetFileName(originalPath),
            Bytes = new FileInfo(originalPath).Length,
            Sha256 = sha,
            Lines = LinesAbove == 0 ? csv.Lines : lines.ShiftedBy(LinesAbove),
        };
    }

    /// <summary>True for the workbook formats this reads.</summary>
    public static bool IsWorkbook(string path) =>
        path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Prepares <paramref name="path"/> for the CSV reader when it needs it (a workbook, or a header below line 1);
    /// null when the file can be read as it is.
    /// </summary>
    public static WorkbookSheet? Prepare(string path, InputMapping mapping, string tempFolder)
    {
        if (IsWorkbook(path)) return FromWorkbook(path, mapping.Sheet, mapping.HeaderRow, tempFolder);
        if (mapping.Sheet is not null)
            throw new UserErrorException($"{Path.GetFileName(path)}: the mapping names sheet '{mapping.Sheet}', but the file is not an Excel workbook (.xlsx or .xls).");
        return mapping.HeaderRow > 1 ? FromTextBelowTitles(path, mapping.HeaderRow, tempFolder) : null;
    }

    private static string TempCsv(string tempFolder) => Path.Combine(tempFolder, $"na-sheet-{Guid.NewGuid():N}.csv");

    private static WorkbookSheet FromWorkbook(string path, string? sheet, int headerRow, string tempFolder)
    {
        var name = Path.GetFileName(path);
        // .xls stores text in Windows code pages, which .NET only knows once the provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var target = TempCsv(tempFolder);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = OpenReader(stream, name);
            var sheets = new List<string>();
            var found = false;
            do
            {
                sheets.Add(reader.Name);
                if (sheet is null || string.Equals(reader.Name, sheet, StringComparison.OrdinalIgnoreCase)) { found = true; break; }
            }
            while (reader.NextResult());
            if (!found)
                throw new UserErrorException($"{name}: the workbook has no sheet '{sheet}'. Sheets: {string.Join(", ", sheets.Select(s => $"'{s}'"))}.");
            var read = reader.Name;
            using (var writer = new StreamWriter(target, false, new UTF8Encoding(false)))
                WriteSheet(reader, writer, headerRow, name, read);
            return new WorkbookSheet(target, read, headerRow - 1);
        }
        catch (Exception ex) when (ex is not UserErrorException)
        {
            File.Delete(target);
            if (ex is IOException or InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or NotSupportedException or ArgumentException)
                throw new UserErrorException($"{name}: could not be read as an Excel workbook ({ex.Message}). Save it again from Excel, or as CSV (UTF-8).", ex);
            throw;
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }

    private static IExcelDataReader OpenReader(Stream stream, string name) =>
        name.EndsWith(".xls", StringComparison.OrdinalIgnoreCase) ? ExcelReaderFactory.CreateBinaryReader(stream) : ExcelReaderFactory.CreateOpenXmlReader(stream);

    private static void WriteSheet(IExcelDataReader reader, StreamWriter writer, int headerRow, string name, string sheet)
    {
        var row = 0;
        var width = 0;
        var cells = new List<string>();
        while (reader.Read())
        {
            row++;
            if (row < headerRow) continue;
            cells.Clear();
            for (var i = 0; i < reader.FieldCount; i++) cells.Add(Text(reader.GetValue(i)));
            if (row == headerRow)
            {
                // The header's width is the last named column: Excel often reports blank cells to the right, and a
                // cleared or formatted column can hold a space; neither is a column name.
                width = cells.FindLastIndex(c => !string.IsNullOrWhiteSpace(c)) + 1;
                if (width == 0) throw new UserErrorException($"{name}: sheet '{sheet}' row {headerRow} is blank; expected the column names there (set header_row in the input's mapping).");
                cells.RemoveRange(width, cells.Count - width);
            }
            else
            {
                var used = cells.FindLastIndex(c => !string.IsNullOrWhiteSpace(c)) + 1;
                // A blank sheet row stays a blank line (the CSV reader skips it and keeps later row numbers right);
                // cells beyond the header are kept, so the row is quarantined as malformed rather than cut.
                if (used == 0) { writer.Write('\n'); continue; }
                if (used > width) cells.RemoveRange(used, cells.Count - used);
                else { cells.RemoveRange(width, cells.Count - width); }
            }
            writer.Write(string.Join(',', cells.Select(Quote)));
            writer.Write('\n');
        }
        if (row < headerRow) throw new UserErrorException($"{name}: sheet '{sheet}' has {row} row(s), so no header at row {headerRow}.");
    }

    /// <summary>A cell as the text a CSV export would hold: whole numbers without a fraction, dates in ISO form.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        double d when Math.Abs(d) < 1e15 && d == Math.Floor(d) => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>Copies a text file from its header line on (the lines above are titles).</summary>
    private static WorkbookSheet FromTextBelowTitles(string path, int headerRow, string tempFolder)
    {
        var name = Path.GetFileName(path);
        var target = TempCsv(tempFolder);
        try
        {
            using var input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? (Stream)new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress)
                : File.OpenRead(path);
            using var reader = new StreamReader(input, detectEncodingFromByteOrderMarks: true);
            for (var i = 1; i < headerRow; i++)
                if (reader.ReadLine() is null) throw new UserErrorException($"{name}: the file has {i - 1} line(s), so no header at line {headerRow}.");
            using var writer = new StreamWriter(target, false, new UTF8Encoding(false));
            var buffer = new char[1 << 16];
            int n;
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) writer.Write(buffer, 0, n);
            return new WorkbookSheet(target, null, headerRow - 1);
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }
}
