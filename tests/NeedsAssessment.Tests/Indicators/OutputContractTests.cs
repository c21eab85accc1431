using System.Text.Json;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>The shape of indicator_values and its exports.</summary>
public sealed class OutputContractTests : IDisposable
{
    private static readonly string[] ExpectedColumns =
    [
        "indicator_id", "domain", "level", "area_code", "area_name", "period_type", "period_start", "period_end",
        "count", "denominator", "multiplier", "value", "lower95", "upper95", "lower998", "upper998", "method",
        "benchmark_value", "comparison95", "comparison998", "suppressed", "note",
    ];

    private static readonly string[] Comparisons = ["higher", "similar", "lower", "not compared"];

    private readonly IndicatorFixture _f = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "na-ind-out-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _f.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private List<string> Columns(string source) =>
        _f.Store.Query($"SELECT column_name FROM (DESCRIBE SELECT * FROM {source})", r => r.GetString(0));

    [Fact]
    public void Default_run_writes_exactly_the_documented_columns_in_order_to_store_csv_and_parquet()
    {
        var run = IndicatorEngine.Compute(_f.Store);
        Assert.True(run.Rows > 0);
        Assert.Equal(ExpectedColumns, Columns("indicator_values"));
        var result = IndicatorExport.Write(_f.Store, _folder, SuppressionPolicy.Nhs);
        Assert.Equal(ExpectedColumns, Columns("indicator_values_export"));
        Assert.Equal(string.Join(",", ExpectedColumns), File.ReadLines(result.CsvPath).First());
        Assert.Equal(ExpectedColumns, Columns($"read_parquet('{result.ParquetPath}')"));
        Assert.Equal(result.Rows, Convert.ToInt64(_f.Store.Scalar($"SELECT count(*) FROM read_parquet('{result.ParquetPath}')"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_row_has_non_negative_counts_ordered_limits_and_a_known_comparison()
    {
        IndicatorEngine.Compute(_f.Store, new IndicatorOptions { Levels = IndicatorLevels.All, PeriodTypes = PeriodTypes.All });
        IndicatorExport.Write(_f.Store, _folder, SuppressionPolicy.Nhs);
        foreach (var table in new[] { IndicatorTable.Name, IndicatorTable.ExportName })
        {
            var rows = IndicatorValue.Read(_f.Store, new IndicatorFilter { Table = table });
            Assert.NotEmpty(rows);
            foreach (var r in rows)
            {
                var where = $"{table} {r.IndicatorId} {r.Level} {r.AreaCode} {r.PeriodType} {r.PeriodStart}";
                Assert.True(r.Count is null or >= 0, $"{where}: count {r.Count}");
                Assert.True(r.Denominator is null or >= 0, $"{where}: denominator {r.Denominator}");
                Assert.True(r.PeriodStart <= r.PeriodEnd, where);
                if (r.Value is { } v)
                {
                    if (r.Lower95 is { } l95) Assert.True(l95 <= v + 1e-9, $"{where}: lower95 {l95} > value {v}");
                    if (r.Upper95 is { } u95) Assert.True(v <= u95 + 1e-9, $"{where}: value {v} > upper95 {u95}");
                    if (r.Lower998 is { } l998) Assert.True(l998 <= (r.Lower95 ?? v) + 1e-9, $"{where}: lower998 {l998} above lower95");
                    if (r.Upper998 is { } u998) Assert.True(u998 >= (r.Upper95 ?? v) - 1e-9, $"{where}: upper998 {u998} below upper95");
                }
                Assert.Contains(r.Comparison95, Comparisons);
                Assert.Contains(r.Comparison998, Comparisons);
                // A hidden row has no interval method: "exact" would say its count is below 10.
                Assert.True(r.Suppressed ? r.Method.Length == 0 : r.Method.Length > 0, $"{where}: method '{r.Method}'");
                if (r.Value is null) Assert.False(string.IsNullOrEmpty(r.Note), $"{where}: no value and no note saying why");
                if (table == IndicatorTable.Name) Assert.False(r.Suppressed, where);
            }
        }
    }

    [Fact]
    public void Parameters_json_records_definition_policy_benchmark_store_and_input_hashes()
    {
        IndicatorEngine.Compute(_f.Store, new IndicatorOptions { Benchmarks = new Dictionary<string, double> { ["sv_rate"] = 9.5 } });
        var result = IndicatorExport.Write(_f.Store, _folder, SuppressionPolicy.Fingertips);
        using var doc = JsonDocument.Parse(File.ReadAllText(result.ParametersPath));
        var root = doc.RootElement;
        Assert.Equal("test-definition", root.GetProperty("sv_definitions")[0].GetProperty("name").GetString());
        Assert.Equal("1.2.0", root.GetProperty("sv_definitions")[0].GetProperty("version").GetString());
        Assert.Equal("fingertips", root.GetProperty("suppression").GetProperty("policy").GetString());
        Assert.Equal(5, root.GetProperty("suppression").GetProperty("hide_to").GetInt64());
        Assert.Equal("user", root.GetProperty("benchmark").GetProperty("kind").GetString());
        Assert.Equal(9.5, root.GetProperty("benchmark").GetProperty("values").GetProperty("sv_rate").GetDouble());
        Assert.Equal(":memory:", root.GetProperty("store").GetString());
        Assert.False(root.TryGetProperty("exported_at", out _), "timestamps belong in the run manifest only");
        Assert.Equal("abc123", root.GetProperty("loads")[0].GetProperty("sha256").GetString());
    }

    [Fact]
    public void User_benchmark_replaces_the_partnership_value_and_the_partnership_is_then_compared()
    {
        IndicatorEngine.Compute(_f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate"], Benchmarks = new Dictionary<string, double> { ["sv_rate"] = 5 } });
        var p = IndicatorTestHelpers.One(_f.Store, "sv_rate", IndicatorLevels.Partnership, IndicatorFixture.P);
        Assert.Equal(5, p.BenchmarkValue);
        Assert.Equal("higher", p.Comparison95); // 55 events in 5000 people: 11 per 1,000, lower 95% limit 8.3
    }

    [Fact]
    public void Computing_without_sv_events_says_to_classify_first()
    {
        using var store = NeedsAssessment.Store.AssessmentStore.Open(":memory:");
        var ex = Assert.Throws<UserErrorException>(() => IndicatorEngine.Compute(store));
        Assert.Contains("has no sv_events table. Classify", ex.Message, StringComparison.Ordinal);
    }
}
