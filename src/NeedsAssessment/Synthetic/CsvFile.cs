using System.Globalization;
using System.Text;

namespace NeedsAssessment.Synthetic;

/// <summary>Streams an RFC 4180 CSV file: UTF-8 without BOM, LF line endings, quoting only where needed.</summary>
internal sealed class CsvFile : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private readonly StreamWriter _writer;
    private bool _firstField = true;

    public CsvFile(string path, IEnumerable<string> header)
    {
        Path = path;
        _writer = new StreamWriter(path, false, Utf8NoBom, 1 << 16) { NewLine = "\n" };
        foreach (var h in header) Add(h);
        _writer.Write('\n');
        _firstField = true;
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public CsvFile Add(string? value)
    {
        if (!_firstField) _writer.Write(',');
        _firstField = false;
        if (string.IsNullOrEmpty(value)) return this;
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0) { _writer.Write(value); return this; }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
        return this;
    }

    public CsvFile Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public void EndRow()
    {
        _writer.Write('\n');
        _firstField = true;
        Rows++;
    }

    public void Dispose() => _writer.Dispose();
}
