using NeedsAssessment.Indicators;
using NeedsAssessment.Ingest;
using static NeedsAssessment.Tests.Indicators.IndicatorFixture;
using static NeedsAssessment.Tests.Indicators.IndicatorTestHelpers;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>The workday population as a second denominator (sv_rate_workday), loaded from the Nomis bulk layout.</summary>
public sealed class WorkdayPopulationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("na-workday-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_rate_per_workday_population_divides_by_the_workday_file_and_says_so()
    {
        using var f = new IndicatorFixture();
        // The Nomis bulk layout of TS001: every field quoted, "date","geography","geography code", then the total.
        // L2 is missing from the file, so its events are left out of the workday rate as its people are of the denominator.
        var path = Path.Combine(_root, "census2021-workday-lsoa.csv");
        File.WriteAllText(path, $"""
            "date","geography","geography code","Workday population: Total; measures: Value"
            "2021","L1","{L1}","5,000"
            "2021","L3","{L3}","800"
            "2021","L4","{L4}","400"

            """);
        using (var probe = NeedsAssessment.Store.AssessmentStore.Open(Path.Combine(_root, "probe.duckdb")))
        {
            var load = new Ingester(probe).Load("population-workday", path);
            Assert.Equal((3L, 0L), (load.RowsLoaded, load.RowsQuarantined));
            var loaded = probe.Query("SELECT lsoa21_code, workday_population FROM population_workday ORDER BY 1", r => $"('{r.GetString(0)}', {r.GetInt64(1)})");
            Assert.Equal([$"('{L1}', 5000)", $"('{L3}', 800)", $"('{L4}', 400)"], loaded);
            // The fixture's store has hand-made loads; the rows go in as loaded.
            f.Store.Execute("INSERT INTO population_workday (load_id, source_row, census_year, lsoa21_code, workday_population) VALUES " +
                string.Join(", ", loaded.Select((l, i) => $"(9, {i + 1}, 2021, {l.TrimStart('(')}")));
        }

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate", "sv_rate_workday"] });

        var l1 = One(f.Store, "sv_rate_workday", IndicatorLevels.Lsoa, L1);
        Assert.Equal((30L, 5000.0), (l1.Count, l1.Denominator));
        Near(30 / 5000.0 * 1000, l1.Value, 1e-9, "L1 per 1,000 workday population");
        Assert.Equal(IndicatorEngine.WorkdayNote, l1.Note);
        var d1 = One(f.Store, "sv_rate_workday", IndicatorLevels.District, D1);
        Assert.Equal((30L, 5000.0), (d1.Count, d1.Denominator));
        var p = One(f.Store, "sv_rate_workday", IndicatorLevels.Partnership, P);
        Assert.Equal((43L, 6200.0), (p.Count, p.Denominator));
        Assert.Contains("no population for the area", One(f.Store, "sv_rate_workday", IndicatorLevels.Lsoa, L2).Note, StringComparison.Ordinal);
        // The resident rate is unchanged: it divides by residents.
        Assert.Equal(5000.0, One(f.Store, "sv_rate", IndicatorLevels.Partnership, P).Denominator);
        Assert.StartsWith("Serious violence offences per 1,000 workday population a year", IndicatorCatalogue.Default.Get("sv_rate_workday").Name, StringComparison.Ordinal);

        // The run's parameters (copied into indicator_values.parameters.json) say which denominator each rate used.
        var parameters = f.Store.Query($"SELECT parameters FROM indicator_runs WHERE run_id = {run.RunId}", r => r.GetString(0)).Single();
        using var doc = System.Text.Json.JsonDocument.Parse(parameters);
        var denominators = doc.RootElement.GetProperty("denominators");
        Assert.StartsWith("Census 2021 workday population", denominators.GetProperty("sv_rate_workday").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("all_ages residents (population_syoa)", denominators.GetProperty("sv_rate").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_workday_file_the_workday_rate_is_not_computed_and_the_run_says_why()
    {
        using var f = new IndicatorFixture();
        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate_workday"] });
        Assert.Equal(0L, run.Rows);
        Assert.Contains(run.Messages, m => m.StartsWith("sv_rate_workday not computed: it divides by the workday population", StringComparison.Ordinal));
    }
}
