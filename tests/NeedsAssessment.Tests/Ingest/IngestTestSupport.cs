using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>A temporary folder for fixture files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "na-ingtest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, string text) => Bytes(name, new UTF8Encoding(false).GetBytes(text));

    public string Bytes(string name, byte[] bytes)
    {
        var p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllBytes(p, bytes);
        return p;
    }

    public string Gzip(string name, string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(new UTF8Encoding(false).GetBytes(text));
        return Bytes(name, ms.ToArray());
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Builds fixture rows from the schemas: a valid value for every field, and CSV text.</summary>
internal static class Fixture
{
    public static DatasetSchema Schema(string kind) => SchemaCatalog.Default.Get(kind);

    /// <summary>Fields a file carries: every non-optional column, or every column.</summary>
    public static List<FieldSchema> FileFields(string kind, bool includeOptional = false) =>
        Schema(kind).Fields.Where(f => includeOptional || !f.OptionalColumn).ToList();

    private static string N(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A value that passes every rule of the field; unique per row where the field is unique.</summary>
    public static string Value(FieldSchema f, int row)
    {
        if (f.Enum is { Count: > 0 } e) return e[row % e.Count];
        if (f.Pattern is { } p)
        {
            return p switch
            {
                @"^[EWZ]01\d{6}$" => $"E01{row:D6}",
                @"^[EWZ]\d{8}$" => $"E08{row:D6}",
                @"^[EWSN]05\d{6}$" => $"E05{row:D6}",
                _ when p.StartsWith(@"^\{?[0-9A-Fa-f]{8}-", StringComparison.Ordinal) => $"{row:x8}-3069-47ef-b83c-874c6b32b87d",
                @"^[EW]0[6-9]\d{6}$" => $"E06{row:D6}",
                @"^[EW]22\d{6}$" => $"E22{row:D6}",
                @"^(E23|W15)\d{6}$" => $"E23{row:D6}",
                @"^[A-Za-z0-9_-]{4,64}$" => $"ID-{row:D5}",
                @"^[0-9a-f]{64}$" => row.ToString("x64", CultureInfo.InvariantCulture),
                @"^[A-Z0-9]{3,6}$" => "RXH01",
                @"^[0-9]{1,3}/[0-9]{1,3}$" => "088/05",
                _ when p.StartsWith("^[0-9]{1,3}", StringComparison.Ordinal) => "105A",
                _ when p.StartsWith("^(race", StringComparison.Ordinal) => "race|religion",
                _ when p.StartsWith("^(X8", StringComparison.Ordinal) => "X99",
                @"^\d{4}/\d{2}$" => "2019/20",
                _ => throw new InvalidOperationException($"No fixture value for pattern {p} of {f.Name}"),
            };
        }
        return f.Type switch
        {
            FieldType.Integer => f.Minimum is double lo && f.Maximum is double hi ? N(Math.Floor((lo + hi) / 2)) : N((f.Minimum ?? 0) + 10 + row),
            FieldType.Number => f.Minimum is double lo && f.Maximum is double hi ? N((lo + hi) / 2) : "1.5",
            FieldType.Date => "2024-01-15",
            FieldType.DateTime => "2024-01-15 10:30:00",
            FieldType.YearMonth => "2024-01",
            FieldType.Boolean => f.TrueValues[0],
            FieldType.GeoJson => """{"type":"Point","coordinates":[-1.5,52.5]}""",
            _ => $"text {row}",
        };
    }

    public static string CsvField(string v, char delimiter = ',') =>
        v.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    public static string Header(IEnumerable<FieldSchema> fields, char delimiter = ',') =>
        string.Join(delimiter, fields.Select(f => CsvField(f.SourceName, delimiter)));

    /// <summary>One valid row; <paramref name="set"/> replaces values by canonical field name.</summary>
    public static string Line(IEnumerable<FieldSchema> fields, int row, IReadOnlyDictionary<string, string>? set = null, char delimiter = ',')
    {
        var list = fields.ToList();
        var values = list.ToDictionary(f => f.Name, f => set is not null && set.TryGetValue(f.Name, out var v) ? v : Value(f, row), StringComparer.Ordinal);
        // A valid row's totals add up to their parts (the schema's totals rule), unless the test sets the total itself.
        var schema = SchemaCatalog.Default.All.FirstOrDefault(s => list.All(f => s.Fields.Contains(f)));
        foreach (var (total, parts) in schema?.Totals ?? new Dictionary<string, IReadOnlyList<string>>())
            if (values.ContainsKey(total) && set?.ContainsKey(total) != true && parts.All(values.ContainsKey) &&
                parts.All(p => long.TryParse(values[p], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                values[total] = parts.Sum(p => long.Parse(values[p], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        return string.Join(delimiter, list.Select(f => CsvField(values[f.Name], delimiter)));
    }

    /// <summary>A CSV of <paramref name="rows"/> valid rows (records 1..rows).</summary>
    public static string ValidCsv(string kind, int rows, bool includeOptional = false, char delimiter = ',', string newline = "\n")
    {
        var fields = FileFields(kind, includeOptional);
        var sb = new StringBuilder(Header(fields, delimiter)).Append(newline);
        for (var i = 1; i <= rows; i++) sb.Append(Line(fields, i, null, delimiter)).Append(newline);
        return sb.ToString();
    }

    /// <summary>A CSV whose rows are given as per-row overrides (null = a valid row), numbered from 1.</summary>
    public static string Csv(string kind, params Dictionary<string, string>?[] rows)
    {
        var fields = FileFields(kind);
        var sb = new StringBuilder(Header(fields)).Append('\n');
        for (var i = 0; i < rows.Length; i++) sb.Append(Line(fields, i + 1, rows[i])).Append('\n');
        return sb.ToString();
    }

    public static Dictionary<string, string> Set(params (string Field, string Value)[] values) => values.ToDictionary(v => v.Field, v => v.Value);

    /// <summary>A boundaries FeatureCollection with <paramref name="features"/> squares, in CRS84 or another named CRS.</summary>
    public static string Boundaries(int features, string? crsName = null)
    {
        var projected = crsName is not null && crsName.Contains("27700", StringComparison.Ordinal);
        var fs = Enumerable.Range(1, features).Select(i =>
        {
            double x = projected ? 530000 + i * 100 : -1.5 + i * 0.01, y = projected ? 180000 : 52.5, d = projected ? 100 : 0.01;
            var ring = $"[[{N(x)},{N(y)}],[{N(x + d)},{N(y)}],[{N(x + d)},{N(y + d)}],[{N(x)},{N(y + d)}],[{N(x)},{N(y)}]]";
            return "{\"type\":\"Feature\",\"properties\":{\"LSOA21CD\":\"E01" + i.ToString("D6", CultureInfo.InvariantCulture)
                   + "\",\"LSOA21NM\":\"Area " + i.ToString(CultureInfo.InvariantCulture)
                   + "\",\"LADCD_ACTIVE\":\"E08000001\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}";
        });
        var crs = crsName is null ? "" : "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crsName + "\"}},";
        return "{\"type\":\"FeatureCollection\"," + crs + "\"features\":[" + string.Join(",\n", fs) + "]}";
    }

    /// <summary>A NHS number with a valid modulus-11 check digit, from a 9-digit stem.</summary>
    public static string ValidNhsNumber(int seed)
    {
        for (var stem = 943476591L + seed * 7919L; ; stem++)
        {
            var s = stem.ToString("D9", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++) sum += (s[i] - '0') * (10 - i);
            var check = (11 - sum % 11) % 11;
            if (check != 10) return s + check.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The same 10 digits with a wrong check digit.</summary>
    public static string InvalidNhsNumber(int seed)
    {
        var valid = ValidNhsNumber(seed);
        var wrong = (valid[9] - '0' + 1) % 10;
        return valid[..9] + wrong.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>An in-memory store, a loader and a temp folder.</summary>
internal sealed class Harness : IDisposable
{
    public Harness(string? storePath = null)
    {
        Store = AssessmentStore.Open(storePath ?? ":memory:");
        Ingester = new Ingester(Store);
    }

    public TempFolder Dir { get; } = new();
    public AssessmentStore Store { get; }
    public Ingester Ingester { get; }

    public LoadResult Load(string kind, string fileName, string text) => Ingester.Load(kind, Dir.File(fileName, text));

    // DuckDB sums BIGINT as HUGEINT, which arrives as a BigInteger.
    public long Count(string sql) => Store.Scalar(sql) is System.Numerics.BigInteger big ? (long)big : Convert.ToInt64(Store.Scalar(sql), CultureInfo.InvariantCulture);

    public long Rows(string kind, long? loadId = null) =>
        Count($"SELECT count(*) FROM {AssessmentStore.Quote(Fixture.Schema(kind).Table)}{(loadId is null ? "" : $" WHERE load_id = {loadId}")}");

    public IReadOnlyList<QuarantineRow> Quarantine(long? loadId = null) => QuarantineRow.Read(Store, loadId);

    public List<long> SourceRows(string kind, long loadId) =>
        Store.Query($"SELECT source_row FROM {AssessmentStore.Quote(Fixture.Schema(kind).Table)} WHERE load_id = {loadId} ORDER BY 1", r => r.GetInt64(0));

    /// <summary>Everything the store holds that a load may change: each table's rows, the loads log and the quarantine, as text.</summary>
    public string Snapshot()
    {
        var sb = new StringBuilder();
        foreach (var s in Store.Schemas.All)
            sb.Append(s.Table).Append('=').Append(Count($"SELECT count(*) FROM {AssessmentStore.Quote(s.Table)}")).Append(';')
              .Append(Store.ScalarOrNull($"SELECT string_agg(CAST(t AS VARCHAR), '|' ORDER BY load_id, source_row) FROM {AssessmentStore.Quote(s.Table)} t")).Append('\n');
        sb.Append("loads=").Append(Store.ScalarOrNull("SELECT string_agg(concat_ws(',', load_id, kind, file_name, sha256, status, rows_read, rows_loaded, rows_quarantined), '|' ORDER BY load_id) FROM loads")).Append('\n');
        sb.Append("quarantine=").Append(Store.ScalarOrNull("SELECT string_agg(CAST(q AS VARCHAR), '|' ORDER BY load_id, source_row, rule, column_name) FROM quarantine q")).Append('\n');
        return sb.ToString();
    }

    public void Dispose()
    {
        Store.Dispose();
        Dir.Dispose();
    }
}

/// <summary>Runs the built CLI (<c>needs-assessment.dll</c>) as a child process.</summary>
internal static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    /// <summary>
    /// The CLI as its own build left it: <c>src/NeedsAssessment.Cli/bin/</c> of the same configuration as the tests, where
    /// a Release build carries ReadyToRun images of the engine and its libraries, so a child process starts without
    /// compiling them first (the copy beside the tests has the IL assemblies the test host loads). Building the tests
    /// builds the CLI project they reference, so the two are the same build; the copy beside the tests is used only when
    /// that folder is missing.
    /// </summary>
    public static string Dll { get; } = FindDll();

    private static string FindDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "needs-assessment.dll");
        var marker = Path.Combine("tests", "NeedsAssessment.Tests", "bin") + Path.DirectorySeparatorChar;
        var at = AppContext.BaseDirectory.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return beside;
        var own = Path.Combine(AppContext.BaseDirectory[..at], "src", "NeedsAssessment.Cli", "bin", AppContext.BaseDirectory[(at + marker.Length)..], "needs-assessment.dll");
        return File.Exists(own) ? own : beside;
    }

    public static Outcome Run(string workingDirectory, params string[] args) => RunWithin(TimeSpan.FromSeconds(120), workingDirectory, args);

    /// <summary>As <see cref="Run"/>, for a command known to take long on a loaded machine (a whole demo export).</summary>
    public static Outcome RunWithin(TimeSpan limit, string workingDirectory, params string[] args)
    {
        var dll = Dll;
        Assert.True(File.Exists(dll), $"CLI not built: {dll}");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var psi = new ProcessStartInfo(string.IsNullOrEmpty(host) || !File.Exists(host) ? "dotnet" : host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["NEEDS_ASSESSMENT_DEBUG"] = "0";
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"CLI {string.Join(' ', args)} did not finish within {limit.TotalSeconds:0} s");
        }
        return new Outcome(p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Asserts a user error: exit code 2, an 'error:' line, and no stack trace or internal-error text.</summary>
    public static void AssertUserError(Outcome o)
    {
        Assert.True(o.ExitCode == 2, $"exit {o.ExitCode}; stdout: {o.Stdout}; stderr: {o.Stderr}");
        Assert.StartsWith("error:", o.Stderr.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", o.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", o.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", o.Stderr, StringComparison.Ordinal);
    }
}
