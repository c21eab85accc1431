using System.Buffers;
using System.IO.Compression;
using System.Text;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>How a file is physically laid out, found by reading its bytes before DuckDB reads its rows.</summary>
internal enum SourceFormat { Csv, Parquet, Json, GeoJson }

/// <summary>
/// The facts about a source file that DuckDB's reader needs told rather than guessed: format, compression,
/// text encoding, delimiter and header. Reading the bytes here (hash, UTF-8 check, first line) is a stream
/// pass, not row processing; the rows themselves are read by DuckDB.
/// </summary>
internal sealed record SourceFile(
    string Path,
    string FileName,
    SourceFormat Format,
    bool Gzip,
    long Bytes,
    string Sha256,
    bool IsUtf8,
    char Delimiter,
    IReadOnlyList<string> Header)
{
    private static readonly char[] Delimiters = [',', ';', '\t', '|'];

    /// <summary>For CSV: where records start, when that differs from one record a line.</summary>
    public CsvLineMap? Lines { get; init; }

    /// <summary>Invalid byte sequences in a file read as UTF-8 (their records are quarantined by the reader).</summary>
    public long InvalidUtf8 { get; init; }

    /// <summary>
    /// The file <paramref name="path"/> names, through any symbolic links. Why: a link's own <see cref="FileInfo.Length"/>
    /// is a few bytes, so a linked national month was recorded at 55 bytes and read in one pass with others as if small.
    /// </summary>
    internal static FileInfo Target(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
    }

    public static SourceFile Inspect(string path, DatasetSchema schema)
    {
        var info = Target(path);
        if (!info.Exists) throw new UserErrorException($"File '{path}' does not exist.");
        var name = System.IO.Path.GetFileName(path);
        var lower = name.ToLowerInvariant();
        var gzip = lower.EndsWith(".gz", StringComparison.Ordinal);
        var stem = gzip ? lower[..^3] : lower;
        var format = stem.EndsWith(".parquet", StringComparison.Ordinal) ? SourceFormat.Parquet
            : stem.EndsWith(".geojson", StringComparison.Ordinal) || schema.Format == "geojson" ? SourceFormat.GeoJson
            : stem.EndsWith(".json", StringComparison.Ordinal) || stem.EndsWith(".ndjson", StringComparison.Ordinal) ? SourceFormat.Json
            : SourceFormat.Csv;
        if (info.Length == 0) throw new UserErrorException($"{name}: the file is empty (0 bytes). {Expected(format, schema)}");
        if (gzip) EnsureGzip(path, name);

        // One read of the file: the SHA-256 of its bytes and, for text, the UTF-8 check and the CSV line map of what
        // it decompresses to. Each was once its own pass; on a 200 MB file the three reads cost half a second.
        string sha;
        bool isUtf8 = true;
        long invalidUtf8 = 0;
        var lines = format == SourceFormat.Csv ? new CsvLineMap() : null;
        try
        {
            using (var hashed = new HashingStream(File.OpenRead(path)))
            {
                if (format != SourceFormat.Parquet)
                {
                    using var stream = gzip ? OpenGzip(hashed, name, leaveOpen: true) : null;
                    var text = stream ?? (Stream)hashed;
                    // Pooled: a fresh megabyte per file is a large-object allocation, and a run of a dozen files set
                    // off a full collection for every second one of them.
                    var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
                    long textBytes;
                    try
                    {
                        var n = text.ReadAtLeast(buffer, 8192, throwOnEndOfStream: false);
                        if (n == 0) throw new UserErrorException($"{name}: the file is empty after decompression. {Expected(format, schema)}");
                        if (Array.IndexOf(buffer, (byte)0, 0, Math.Min(n, 8192)) >= 0)
                            throw new UserErrorException($"{name}: the file looks binary (it contains NUL bytes), not {(format == SourceFormat.Csv ? "CSV" : "JSON")} text. If it is a spreadsheet, save it as CSV (UTF-8).");
                        isUtf8 = IsValidUtf8(buffer, n, text, lines, out textBytes, out invalidUtf8);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    if (!isUtf8) invalidUtf8 = 0;
                    if (gzip && textBytes >= 0 && GzipTrailerSize(path) is uint trailer && trailer != (uint)textBytes)
                        throw new UserErrorException($"{name}: the gzip file is truncated or damaged (it decompresses to {textBytes:N0} bytes but its trailer records {trailer:N0}). Copy or download it again.");
                }
                sha = hashed.Finish();
            }
        }
        catch (InvalidDataException ex) when (gzip)
        {
            throw new UserErrorException($"{name}: the gzip file is damaged ({ex.Message}). Copy or download it again.", ex);
        }
        if (format != SourceFormat.Csv)
            return new SourceFile(path, name, format, gzip, info.Length, sha, isUtf8, ',', []) { InvalidUtf8 = invalidUtf8 };

        var firstLine = ReadFirstLine(path, gzip, isUtf8);
        if (string.IsNullOrWhiteSpace(firstLine))
            throw new UserErrorException($"{name}: the first line is blank; expected the header: {HeaderMatcher.ExpectedHeader(schema)}.");
        // Choose the delimiter that splits the header into the most known column names (ties: most fields).
        var best = Delimiters
            .Select(d => (d, fields: SplitCsvLine(firstLine, d)))
            .OrderByDescending(c => c.fields.Count(f => HeaderMatcher.Find(schema, f) is not null))
            .ThenByDescending(c => c.fields.Count)
            .ThenBy(c => Array.IndexOf(Delimiters, c.d))
            .First();
        lines!.Finish();
        // Excel's "Save as CSV" keeps a formatted or cleared column, so the header can end in empty names. An empty name
        // is no column name (DuckDB refuses it as one): each is named for its position and, like any column the schema
        // lacks, ignored (and its values screened for personal data like any extra column).
        var header = best.fields.Select((f, i) => string.IsNullOrWhiteSpace(f) ? $"(blank column {i + 1})" : f).ToList();
        return new SourceFile(path, name, format, gzip, info.Length, sha, isUtf8, best.d, header) { Lines = lines.IsTrivial ? null : lines, InvalidUtf8 = invalidUtf8 };
    }

    internal static string Expected(SourceFormat format, DatasetSchema schema) => format switch
    {
        SourceFormat.GeoJson => $"Expected a GeoJSON FeatureCollection whose features carry {string.Join(", ", schema.Fields.Where(f => f.IsStored && f.Name != "geometry").Select(f => f.SourceName))}.",
        SourceFormat.Json => $"Expected JSON records with the fields {HeaderMatcher.ExpectedHeader(schema)}.",
        SourceFormat.Parquet => $"Expected a Parquet file with the columns {HeaderMatcher.ExpectedHeader(schema)}.",
        _ => $"Expected a header line: {HeaderMatcher.ExpectedHeader(schema)}.",
    };

    /// <summary>
    /// A file named .gz must start with the gzip signature (1F 8B, RFC 1952 section 2.3.1); otherwise the first
    /// read would fail deep inside decompression with a message about "compression methods".
    /// </summary>
    internal static void EnsureGzip(string path, string name)
    {
        Span<byte> magic = stackalloc byte[2];
        using var s = File.OpenRead(path);
        if (s.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1F || magic[1] != 0x8B)
            throw new UserErrorException($"{name}: the name ends in .gz but the file is not gzip-compressed (it does not start with the gzip signature). If it is plain text, rename it without .gz; otherwise download it again.");
    }

    private static Stream OpenText(string path, bool gzip, string name)
    {
        Stream s = File.OpenRead(path);
        return gzip ? OpenGzip(s, name, leaveOpen: false) : s;
    }

    private static Stream OpenGzip(Stream compressed, string name, bool leaveOpen)
    {
        try
        {
            return new GZipStream(compressed, CompressionMode.Decompress, leaveOpen);
        }
        catch (InvalidDataException ex)
        {
            if (!leaveOpen) compressed.Dispose();
            throw new UserErrorException($"{name}: not a valid gzip file ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// Reads the rest of the text stream after the first <paramref name="first"/> bytes already in
    /// <paramref name="buffer"/>: true when the whole text is valid UTF-8. <paramref name="totalBytes"/> is the
    /// decompressed length, or -1 when the stream could not be read to its end. A multi-byte character split across
    /// two reads is carried to the front of the buffer and checked whole with the next read.
    /// </summary>
    private static bool IsValidUtf8(byte[] buffer, int first, Stream rest, CsvLineMap? lines, out long totalBytes, out long invalid)
    {
        long multiByte = 0;
        invalid = 0;
        var carry = 0;
        var n = first;
        totalBytes = 0;
        try
        {
            while (n > 0)
            {
                totalBytes += n;
                lines?.Feed(buffer.AsSpan(carry, n));
                var filled = carry + n;
                var tail = IncompleteTail(buffer.AsSpan(0, filled));
                var chunk = buffer.AsSpan(0, filled - tail);
                if (System.Text.Unicode.Utf8.IsValid(chunk)) multiByte += chunk.ContainsAnyExceptInRange((byte)0, (byte)127) ? 1 : 0;
                else CountSequences(chunk, ref multiByte, ref invalid);
                if (tail > 0) buffer.AsSpan(filled - tail, tail).CopyTo(buffer);
                carry = tail;
                n = rest.Read(buffer, carry, buffer.Length - carry);
            }
            if (carry > 0) invalid++; // the text ends inside a character
        }
        catch (InvalidDataException)
        {
            totalBytes = -1; // a damaged gzip stream: let DuckDB report it with its own message
        }
        // Windows-1252 text almost never forms valid UTF-8 multi-byte sequences, so a file that has them is UTF-8
        // with a few broken bytes: read it as UTF-8 and let the reader quarantine the records holding them, rather
        // than re-decode every other record as Windows-1252. A file whose only non-ASCII bytes are invalid is 1252.
        return invalid == 0 || multiByte > 0 && multiByte >= invalid;
    }

    /// <summary>Counts valid multi-byte characters and invalid sequences in a chunk that failed the fast check.</summary>
    private static void CountSequences(ReadOnlySpan<byte> s, ref long multiByte, ref long invalid)
    {
        while (!s.IsEmpty)
        {
            var k = s.IndexOfAnyExceptInRange((byte)0, (byte)127);
            if (k < 0) return;
            s = s[k..];
            var status = System.Text.Rune.DecodeFromUtf8(s, out _, out var used);
            if (status == System.Buffers.OperationStatus.Done) multiByte++;
            else invalid++;
            s = s[Math.Max(used, 1)..];
        }
    }

    /// <summary>
    /// How many bytes at the end of <paramref name="s"/> begin a UTF-8 character that continues past it (0 to 3).
    /// Malformed bytes are not counted here: <see cref="System.Text.Unicode.Utf8.IsValid"/> rejects them.
    /// </summary>
    private static int IncompleteTail(ReadOnlySpan<byte> s)
    {
        for (var k = 1; k <= Math.Min(3, s.Length); k++)
        {
            var b = s[^k];
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: look further back for the lead byte
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > k ? k : 0;
        }
        return 0;
    }

    /// <summary>
    /// The uncompressed size (mod 2^32) a single-member gzip file records in its last four bytes. .NET and DuckDB
    /// both read a truncated gzip stream to wherever it stops without an error; comparing with this catches that.
    /// (A file of several concatenated gzip members records only its last member's size, so it is refused too:
    /// such files are rare for tabular data, and recompressing them as one member fixes it.)
    /// </summary>
    private static uint? GzipTrailerSize(string path)
    {
        using var fs = File.OpenRead(path);
        if (fs.Length < 18) return null;
        var tail = new byte[4];
        fs.Seek(-4, SeekOrigin.End);
        fs.ReadExactly(tail);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail);
    }

    private static string ReadFirstLine(string path, bool gzip, bool utf8)
    {
        using var stream = OpenText(path, gzip, System.IO.Path.GetFileName(path));
        using var reader = new StreamReader(stream, utf8 ? new UTF8Encoding(false) : Windows1252, detectEncodingFromByteOrderMarks: true);
        var sb = new StringBuilder();
        var inQuotes = false;
        int c;
        // A header may hold quoted newlines (IoD2019 File 2 does): read to the first newline outside quotes.
        while ((c = reader.Read()) >= 0)
        {
            if (c == '"') inQuotes = !inQuotes;
            if (!inQuotes && (c == '\n' || c == '\r')) break;
            sb.Append((char)c);
        }
        return sb.ToString().TrimStart('\uFEFF');
    }

    /// <summary>Windows-1252, the usual encoding of CSVs saved by Excel on Windows.</summary>
    public static Encoding Windows1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }

    /// <summary>Splits one CSV line, honouring double quotes (RFC 4180).</summary>
    public static List<string> SplitCsvLine(string line, char delimiter)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (inQuotes)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') inQuotes = false;
                else sb.Append(ch);
            }
            else if (ch == '"') inQuotes = true;
            else if (ch == delimiter) { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        fields.Add(sb.ToString());
        return fields;
    }

    /// <summary>The file's text, decompressed and decoded (UTF-8, or Windows-1252 when it is not UTF-8).</summary>
    public StreamReader OpenDecoded() =>
        new(OpenText(Path, Gzip, FileName), IsUtf8 ? new UTF8Encoding(false) : Windows1252, detectEncodingFromByteOrderMarks: IsUtf8);

    /// <summary>Writes a UTF-8 copy of a Windows-1252 file (decompressing it) for DuckDB to read.</summary>
    public string TranscodeToUtf8(string tempFolder)
    {
        var target = System.IO.Path.Combine(tempFolder, $"na-{Sha256[..16]}.csv");
        using var input = OpenText(Path, Gzip, FileName);
        using var reader = new StreamReader(input, Windows1252);
        using var writer = new StreamWriter(target, false, new UTF8Encoding(false));
        var buffer = new char[1 << 16];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) writer.Write(buffer, 0, n);
        return target;
    }
}
