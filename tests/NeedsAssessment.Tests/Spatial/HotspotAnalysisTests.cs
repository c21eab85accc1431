using System.Globalization;
using System.Text;
using System.Text.Json;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Spatial;

/// <summary>The hot spot stage on a small store built here: a 6 km square with a planted cluster.</summary>
public class HotspotAnalysisTests(HotspotAnalysisTests.DefaultRun defaultRun) : IClassFixture<HotspotAnalysisTests.DefaultRun>
{
    /// <summary>
    /// The stage run once with <see cref="Options"/> on a store of its own, for the tests that only read what that run
    /// returned and wrote (seven of them ran the same analysis on the same store, each for itself). Read it, never change
    /// it: a test that runs other options builds its own store.
    /// </summary>
    public sealed class DefaultRun : IDisposable
    {
        private readonly Lazy<(AssessmentStore Store, HotspotRunResult Result)> _run = new(() =>
        {
            var store = BuildStore();
            return (store, HotspotAnalysis.Run(store, Options));
        }, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The store the run wrote its tables into.</summary>
        public AssessmentStore Store => _run.Value.Store;

        /// <summary>What the run returned.</summary>
        public HotspotRunResult Result => _run.Value.Result;

        public void Dispose()
        {
            if (_run.IsValueCreated) _run.Value.Store.Dispose();
        }
    }

    private const double ClusterX = 452_300, ClusterY = 303_700;

    /// <summary>
    /// Two years of events: about 300 a year spread over a 6 km square, and a cluster of 60 a year within 150 m of
    /// (<see cref="ClusterX"/>, <see cref="ClusterY"/>), all "Assault with injury"; 36 LSOAs of 1,000 residents on a 1 km lattice.
    /// The police.uk copy of a few events is included to check it is left out by default.
    /// </summary>
    internal static AssessmentStore BuildStore(bool withPopulation = true)
    {
        var store = AssessmentStore.Open(":memory:");
        store.Execute("""
            CREATE TABLE sv_events (event_id VARCHAR, source VARCHAR, source_load_id BIGINT, source_row BIGINT, month DATE,
                lsoa21_code VARCHAR, x DOUBLE, y DOUBLE, source_code VARCHAR, code_description VARCHAR, category VARCHAR,
                offence_group VARCHAR, in_definition BOOLEAN, definition_name VARCHAR, definition_version VARCHAR)
            """);
        var rng = new Random(7);
        var sql = new StringBuilder();
        long row = 0;
        void Add(string source, DateOnly month, double x, double y, string description, string group, bool inDefinition = true)
        {
            row++;
            int col = Math.Clamp((int)((x - 449_000) / 1000), 0, 5), r = Math.Clamp((int)((y - 300_000) / 1000), 0, 5);
            string lsoa = $"E01{r * 6 + col:D6}";
            sql.Append(CultureInfo.InvariantCulture, $"('{source}:1:{row}', '{source}', 1, {row}, DATE '{month:yyyy-MM-dd}', '{lsoa}', {x:R}, {y:R}, 'X', '{description}', 'violence_against_the_person', '{group}', {(inDefinition ? "true" : "false")}, 'test-definition', '2.1'),");
        }
        for (int m = 0; m < 24; m++)
        {
            var month = new DateOnly(2023, 4, 1).AddMonths(m);
            for (int i = 0; i < 25; i++)
                Add("police_recorded_crime", month, 449_000 + rng.NextDouble() * 6000, 300_000 + rng.NextDouble() * 6000, "Common assault", "Violence against the person");
            for (int i = 0; i < 5; i++)
            {
                double a = rng.NextDouble() * 2 * Math.PI, d = 150 * Math.Sqrt(rng.NextDouble());
                Add("police_recorded_crime", month, ClusterX + d * Math.Cos(a), ClusterY + d * Math.Sin(a), "Assault with injury", "Violence against the person");
            }
            Add("police_recorded_crime", month, 449_500, 300_500, "Criminal damage", "Criminal damage and arson", inDefinition: false);
            Add("police_street", month, ClusterX, ClusterY, "police.uk crime type (coarse)", "");
        }
        sql.Length--;
        store.Execute("INSERT INTO sv_events VALUES " + sql);
        if (withPopulation)
        {
            var c = new StringBuilder();
            var p = new StringBuilder();
            for (int r = 0; r < 6; r++)
                for (int col = 0; col < 6; col++)
                {
                    int k = r * 6 + col;
                    c.Append(CultureInfo.InvariantCulture, $"(1, {k + 1}, {k + 1}, 'E01{k:D6}', NULL, {449_500 + col * 1000}, {300_500 + r * 1000}),");
                    p.Append(CultureInfo.InvariantCulture, $"(2, {k + 1}, 'E01{k:D6}', 'Area {k:D2}', 'All', 1000),");
                }
            store.Execute("INSERT INTO centroids (load_id, source_row, fid, lsoa21_code, global_id, x, y) VALUES " + c.ToString().TrimEnd(','));
            store.Execute("INSERT INTO population (load_id, source_row, lsoa21_code, lsoa21_name, age_group, usual_residents) VALUES " + p.ToString().TrimEnd(','));
        }
        return store;
    }

    private static HotspotOptions Options => new() { CellSize = 300, OutputFolder = null, Suppression = NeedsAssessment.Indicators.SuppressionPolicy.None };

    [Fact]
    public void Run_writes_the_hotspots_and_top_tables_with_the_documented_columns()
    {
        var store = defaultRun.Store;
        var columns = store.Query("SELECT column_name FROM information_schema.columns WHERE table_name = 'hotspots' ORDER BY ordinal_position", r => r.GetString(0));
        Assert.Equal(HotspotAnalysis.Columns, columns);
        var topColumns = store.Query("SELECT column_name FROM information_schema.columns WHERE table_name = 'hotspot_top' ORDER BY ordinal_position", r => r.GetString(0));
        Assert.Equal(HotspotAnalysis.TopColumns, topColumns);
        var methods = store.Query("SELECT DISTINCT method FROM hotspots ORDER BY 1", r => r.GetString(0));
        Assert.Equal(["dual_kde", "gistar", "kde", "lisa", "trend"], methods);
    }

    [Theory]
    [InlineData("hotspots", "hotspots.schema.json")]
    [InlineData("hotspot_top", "hotspot-top.schema.json")]
    public void Table_columns_and_types_match_the_documented_output_schema(string table, string schema)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(NeedsAssessment.Tests.Classify.ClassifyFixture.RepoRoot(), "data-schemas", "outputs", schema)));
        var documented = doc.RootElement.GetProperty("fields").EnumerateArray()
            .Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("type").GetString() switch
            {
                "integer" => "INTEGER", "number" => "DOUBLE", _ => "VARCHAR",
            })).ToList();
        var store = defaultRun.Store;
        var actual = store.Query($"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position",
            r => (r.GetString(0), r.GetString(1)));
        Assert.Equal(documented, actual);
    }

    [Fact]
    public void P_values_lie_in_the_unit_interval_and_classes_follow_p_fdr_and_z()
    {
        var result = defaultRun.Result;
        var gi = result.Rows.Where(r => r.Method == "gistar").ToList();
        Assert.NotEmpty(gi);
        foreach (var r in gi.Where(r => r.P is not null))
        {
            Assert.InRange(r.P!.Value, 0.0, 1.0);
            Assert.InRange(r.PFdr!.Value, 0.0, 1.0);
            Assert.True(r.PFdr >= r.P);
            Assert.Equal(HotspotAnalysis.ClassName(GetisOrdGiStar.Classify(r.Z!.Value, r.PFdr.Value)), r.Class);
        }
        Assert.Contains(gi, r => r.Class == "hot99");
        foreach (var r in result.Rows.Where(r => r.Method == "lisa"))
        {
            // A rate exactly at the mean has zero conditional variance: I_i and its p are undefined, never significant.
            if (r.P is null) { Assert.Equal("ns", r.Class); continue; }
            Assert.InRange(r.P!.Value, 0.0, 1.0);
            Assert.InRange(r.PFdr!.Value, 0.0, 1.0);
            Assert.Equal(r.PFdr < 0.05, r.Class != "ns");
        }
        Assert.All(result.Rows.Where(r => r.Method is "trend" or "kde" or "dual_kde"), r => Assert.Null(r.PFdr));
    }

    [Fact]
    public void Planted_cluster_tops_the_ranked_list_with_its_area_name_and_offences()
    {
        var (store, result) = (defaultRun.Store, defaultRun.Result);
        var first = result.Top[0];
        Assert.True(Math.Abs(first.X - ClusterX) <= 300 && Math.Abs(first.Y - ClusterY) <= 300, $"Top cell at {first.X},{first.Y}");
        Assert.Equal(1, first.Cluster);
        Assert.True(first.ClusterCells > 1 && first.ClusterCount >= first.Count);
        Assert.StartsWith("Assault with injury (", first.TopOffences);
        Assert.Equal("Violence against the person", first.TopOffenceGroup);
        // The nearest lattice centroid to the cluster is (452500, 303500): column 3, row 3.
        Assert.Equal("E01000021", first.Lsoa21Code);
        Assert.Equal("persistent", first.Trend);
        Assert.Equal(result.Top.Length, store.Query("SELECT count(*) FROM hotspot_top", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture))[0]);
    }

    [Fact]
    public void Top_list_has_one_peak_cell_per_cluster_unless_asked_for_every_hot_cell()
    {
        using var store = BuildStore();
        var perCluster = HotspotAnalysis.Run(store, Options with { Methods = HotspotMethods.GiStar });
        Assert.Equal(perCluster.Top.Length, perCluster.Top.Select(t => t.Cluster).Distinct().Count());
        var every = HotspotAnalysis.Run(store, Options with { Methods = HotspotMethods.GiStar, TopOnePerCluster = false, TopN = 1000 });
        Assert.Equal(every.Main!.Result.GiStar.Values.Count(v => v.Z > 0 && v.PAdjusted < 0.05), every.Top.Length);
        Assert.Equal(Enumerable.Range(1, every.Top.Length), every.Top.Select(t => t.Rank));
        Assert.True(every.Top.Zip(every.Top.Skip(1)).All(p => p.First.Z >= p.Second.Z));
    }

    [Fact]
    public void Default_sources_leave_out_police_uk_when_the_police_extract_is_present_and_out_of_definition_events()
    {
        using var store = BuildStore();
        var result = HotspotAnalysis.Run(store, Options with { Methods = HotspotMethods.GiStar });
        Assert.Equal(["police_recorded_crime"], result.Parameters.Filters.Sources);
        Assert.Single(result.Parameters.Filters.SourcesLeftOut);
        Assert.Equal(12 * 30, result.Parameters.GiStar!.PointsByPeriod["2024-04:2025-03"]);
        Assert.Equal("test-definition", result.Parameters.Filters.DefinitionName);
        Assert.Equal("2.1", result.Parameters.Filters.DefinitionVersion);
    }

    [Fact]
    public void Default_periods_are_the_last_twelve_months_and_each_complete_year()
    {
        using var store = BuildStore();
        var result = HotspotAnalysis.Run(store, Options with { Methods = HotspotMethods.GiStar });
        Assert.Equal("2024-04:2025-03", result.Parameters.Period);
        Assert.Equal(["2023-04:2024-03", "2024-04:2025-03"], result.Parameters.Trend!.Periods);
        Assert.Equal(2, result.TrendPeriods.Length);
        Assert.NotNull(result.Evaluation);
        Assert.True(result.Parameters.Evaluation!.PaiNext > 1, "Last-but-one year's hot spots should capture more than their share of next year's events.");
    }

    [Fact]
    public void Parameters_json_round_trips_through_the_store_and_the_file()
    {
        using var store = BuildStore();
        var folder = Directory.CreateTempSubdirectory("na-hs-").FullName;
        try
        {
            var result = HotspotAnalysis.Run(store, Options with { OutputFolder = folder });
            var text = File.ReadAllText(result.ParametersPath!);
            var back = JsonSerializer.Deserialize<HotspotParameters>(text, HotspotAnalysis.JsonOptions)!;
            Assert.Equal(text.TrimEnd('\n'), JsonSerializer.Serialize(back, HotspotAnalysis.JsonOptions));
            Assert.Equal(300, back.Grid!.CellSize);
            Assert.Equal(300 * Math.Sqrt(2), back.GiStar!.NeighbourDistance, 9);
            Assert.Equal(0.05, back.GiStar.FdrLevel);
            Assert.Equal(8, back.Areas!.K);
            Assert.Equal(900, back.Kde!.Bandwidth);

            var read = HotspotAnalysis.Read(store);
            Assert.Equal(JsonSerializer.Serialize(result.Parameters, HotspotAnalysis.JsonOptions), JsonSerializer.Serialize(read.Parameters, HotspotAnalysis.JsonOptions));
            var header = File.ReadLines(result.CsvPath!).First();
            Assert.Equal(string.Join(",", HotspotAnalysis.Columns), header);
            Assert.Equal(result.Rows.Length + 1, File.ReadLines(result.CsvPath!).Count());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Read_rebuilds_the_rows_and_top_list_the_run_returned()
    {
        var (store, result) = (defaultRun.Store, defaultRun.Result);
        var read = HotspotAnalysis.Read(store);
        Assert.Equal(result.Rows.Length, read.Rows.Length);
        for (int i = 0; i < read.Rows.Length; i++) Assert.Equal(result.Rows[i], read.Rows[i]);
        Assert.Equal(result.Top.Length, read.Top.Length);
        for (int i = 0; i < read.Top.Length; i++) Assert.Equal(result.Top[i], read.Top[i]);
        Assert.Equal(["2023-04:2024-03", "2024-04:2025-03"], read.PeriodsOf("gistar"));
    }

    [Fact]
    public void Read_rebuilds_the_main_gistar_grid_that_the_hotspot_map_draws()
    {
        var (store, result) = (defaultRun.Store, defaultRun.Result);
        var rebuilt = HotspotAnalysis.Read(store).GiStar();
        var main = result.Main!.Result;
        Assert.Equal(main.Grid.Parameters, rebuilt.Grid.Parameters);
        Assert.Equal(main.Grid.Cells.ToArray(), rebuilt.Grid.Cells.ToArray());
        Assert.Equal(main.GiStar.Values.Select(v => v.Class), rebuilt.GiStar.Values.Select(v => v.Class));
        for (int i = 0; i < main.GiStar.Values.Length; i++)
            if (main.Grid.Cells[i].Count > 0) Assert.Equal(main.GiStar.Values[i].Z, rebuilt.GiStar.Values[i].Z);
        var chart = NeedsAssessment.Charts.HotspotMapChart.Create(rebuilt, [], new NeedsAssessment.Charts.ChartCaption("Test police", result.Parameters.Period, "test-definition", "2.1"));
        Assert.NotEmpty(chart.Data.Rows);
    }

    [Fact]
    public void Same_inputs_give_byte_identical_exports()
    {
        var a = Directory.CreateTempSubdirectory("na-hs-").FullName;
        var b = Directory.CreateTempSubdirectory("na-hs-").FullName;
        try
        {
            using (var s1 = BuildStore()) HotspotAnalysis.Run(s1, Options with { OutputFolder = a });
            using (var s2 = BuildStore()) HotspotAnalysis.Run(s2, Options with { OutputFolder = b });
            foreach (var f in new[] { HotspotAnalysis.CsvFile, HotspotAnalysis.TopCsvFile, HotspotAnalysis.ParametersFile })
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
        }
        finally
        {
            Directory.Delete(a, recursive: true);
            Directory.Delete(b, recursive: true);
        }
    }

    [Fact]
    public void Without_population_gistar_uses_counts_and_area_methods_are_skipped()
    {
        using var store = BuildStore(withPopulation: false);
        var result = HotspotAnalysis.Run(store, Options);
        Assert.Equal("counts", result.Parameters.GiStar!.Baseline);
        Assert.Null(result.Lisa);
        Assert.Null(result.DualKde);
        Assert.NotNull(result.Kde);
        Assert.NotEmpty(result.Parameters.Notes);
        Assert.All(result.Rows.Where(r => r.Method == "gistar"), r => Assert.Equal(r.Count, r.Value));
    }

    [Fact]
    public void Cell_ids_name_the_south_west_corner_on_the_national_grid()
    {
        using var store = BuildStore();
        var result = HotspotAnalysis.Run(store, Options with { Methods = HotspotMethods.GiStar });
        Assert.All(result.Rows, r => Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"E{r.X - 150:0}N{r.Y - 150:0}"), r.UnitId));
        Assert.Equal(0, result.Parameters.Grid!.MinX % 300);
    }

    [Fact]
    public void Method_selection_runs_only_the_chosen_analysis()
    {
        using var store = BuildStore();
        var result = HotspotAnalysis.Run(store, Options with { Methods = HotspotMethods.Lisa });
        Assert.All(result.Rows, r => Assert.Equal("lisa", r.Method));
        Assert.Null(result.Main);
        Assert.Empty(result.Top);
        Assert.NotNull(result.Parameters.Areas);
        Assert.True(double.IsFinite(result.Parameters.Areas!.GlobalMoranI));
    }

    [Fact]
    public void Area_analysis_counts_a_source_without_coordinates_by_its_lsoa()
    {
        using var store = BuildStore();
        store.Execute("""
            INSERT INTO sv_events (event_id, source, source_load_id, source_row, month, lsoa21_code, x, y, category, in_definition)
            SELECT 'health_ed_assault:3:' || i, 'health_ed_assault', 3, i, DATE '2025-01-01', 'E01000005', NULL, NULL, 'violence_against_the_person', true
            FROM range(1, 41) t(i)
            """);
        var result = HotspotAnalysis.Run(store, Options with { Methods = HotspotMethods.Lisa, Sources = ["health_ed_assault"] });
        var lisa = result.Rows.Where(r => r.Method == "lisa").ToList();
        Assert.Equal(36, lisa.Count);
        Assert.Equal(40, lisa.Single(r => r.UnitId == "E01000005").Count);
        Assert.Equal(40.0, lisa.Single(r => r.UnitId == "E01000005").Value);
        // The default period ends with the chosen source's last month, not the store's, and covers only the months
        // that source has: one.
        Assert.Equal("2025-01:2025-01", result.Parameters.Period);
    }

    [Theory]
    [InlineData("2024-04:2025-03", 12)]
    [InlineData("2024-01", 1)]
    [InlineData("2023-11:2024-02", 4)]
    public void Month_periods_parse_and_print_back(string text, int months)
    {
        var p = MonthPeriod.Parse(text);
        Assert.Equal(months, p.Months);
        Assert.Equal(text.Contains(':') ? text : text + ":" + text, p.ToString());
    }

    [Fact]
    public void A_period_ending_before_it_starts_is_rejected() =>
        Assert.Throws<FormatException>(() => MonthPeriod.Parse("2025-03:2024-04"));
}
