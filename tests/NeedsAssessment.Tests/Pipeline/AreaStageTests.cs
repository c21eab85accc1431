using System.Globalization;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// Whole runs on the real police.uk files with national reference files as published, inside a declared area.
/// </summary>
public sealed class AreaStageTests(AreaStageTests.YorkRun yorkRun) : IClassFixture<AreaStageTests.YorkRun>, IDisposable
{
    /// <summary>
    /// York's run on the police.uk files as published less one violent crime (the record the moved-record test moves out
    /// of the area), made once for the class: all three tests read it (its rates and areas, its hot spot grid, and the
    /// run without the record that the moved-record test compares with) and none changes it. One record fewer changes
    /// nothing the other two check (which LSOAs, wards and districts get rates, the denominators, which cells are analysed
    /// and why). It runs the stages up to the indicator export, the descriptives and the hot spots, all that the three
    /// read; the report over national files is the moved-record test's run with the record.
    /// </summary>
    public sealed class YorkRun : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("na-area-york-").FullName;
        private readonly Lazy<RunResult> _run;
        private bool _removed;

        public YorkRun() => _run = new(() =>
        {
            var without = PoliceFolder(_root, "without", line =>
            {
                if (_removed || !IsTheMovedRecord(line)) return line;
                _removed = true;
                return null;
            });
            return Run(_root, "without", without, "York",
                [Stages.Ingest, Stages.Area, Stages.Classify, Stages.Indicators, Stages.IndicatorExport, Stages.Descriptives, Stages.Hotspots]);
        }, LazyThreadSafetyMode.ExecutionAndPublication);

        public RunResult Result => _run.Value;

        /// <summary>Whether the record the moved-record test moves was found, and left out of this run's files.</summary>
        public bool RemovedTheMovedRecord => _run.Value is not null && _removed;

        public void Dispose()
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }

    private readonly string _root = Directory.CreateTempSubdirectory("na-area-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static string Shared(string relative) => SharedData.File(relative).Replace('\\', '/');

    private string PoliceFolder(string name, Func<string, string?>? change = null) => PoliceFolder(_root, name, change);

    private static string PoliceFolder(string root, string name, Func<string, string?>? change = null)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        var source = Path.GetDirectoryName(SharedData.File("police-uk/2024-03-north-yorkshire-street.csv"))!;
        foreach (var file in Directory.GetFiles(source, "*.csv"))
        {
            var lines = File.ReadAllLines(file);
            var kept = new List<string> { lines[0] };
            foreach (var line in lines.Skip(1))
                if ((Path.GetFileName(file).StartsWith("2024-03", StringComparison.Ordinal) && change is not null ? change(line) : line) is { } l) kept.Add(l);
            File.WriteAllLines(Path.Combine(folder, Path.GetFileName(file)), kept);
        }
        return folder;
    }

    private RunResult Run(string name, string police, string authorities, IReadOnlyList<PipelineStage>? stages = null) => Run(_root, name, police, authorities, stages);

    /// <summary>Runs York or other <paramref name="authorities"/> over national reference files, through every stage or <paramref name="stages"/>.</summary>
    private static RunResult Run(string root, string name, string police, string authorities, IReadOnlyList<PipelineStage>? stages = null)
    {
        var yaml = Path.Combine(root, name + ".yaml");
        File.WriteAllText(yaml, $"""
            partnership:
              name: Test CSP
              local_authorities: [{authorities}]
            inputs:
              police-street: [{police.Replace('\\', '/')}/]
              lsoa-lookup: [{Shared("geography/LSOA11_LSOA21_LAD22_lookup_EW_v2.csv")}]
              ward-lookup: [{Shared("geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv")}]
              centroids: [{Shared("geography/LSOA_Dec_2021_PWC_EW.csv")}]
              population-total: [{Shared("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv")}]
            geography:
              levels: [lsoa, ward, district, partnership]
            periods: [month, quarter]
            hotspots:
              methods: [gistar]
            output: {Path.Combine(root, "out-" + name).Replace('\\', '/')}
            """);
        return stages is null ? AssessmentRunner.Run(AssessmentFile.Load(yaml)) : AssessmentRunner.Run(AssessmentFile.Load(yaml), stages);
    }

    // The first violent crime recorded in a York LSOA in March 2024, a line with no quoted field.
    private static bool IsTheMovedRecord(string line) =>
        !line.Contains('"', StringComparison.Ordinal) && line.Split(',') is { Length: 12 } f && f[8].StartsWith("York ", StringComparison.Ordinal) && f[9] == "Violence and sexual offences";

    [Fact]
    public void A_record_moved_far_outside_the_area_is_reported_under_data_quality_and_leaves_cell_size_and_hot_spots_unchanged()
    {
        // The run without the record is the class's York run (its files are the published ones less that record).
        Assert.True(yorkRun.RemovedTheMovedRecord);
        var moved = false;
        var withStray = PoliceFolder("with", line =>
        {
            if (moved || !IsTheMovedRecord(line)) return line;
            moved = true;
            var f = line.Split(',');
            // Bude, Cornwall: a real LSOA of England, far outside the area.
            f[4] = "-4.5430"; f[5] = "50.8300"; f[7] = "E01018936"; f[8] = "Cornwall 001A";
            return string.Join(',', f);
        });

        // York alone (it was York and North Yorkshire): the rule checked, a stray record changes neither the grid nor the
        // hot spots and is counted as outside, does not depend on the area's size, and a run over one city's grid is much
        // cheaper than over the county's; the moved record is a York one either way.
        // The run without the record stops after the hot spots (what is compared: hot spot files, grid, records outside);
        // the run with it goes through the report, which must say so.
        var a = yorkRun.Result;
        var b = Run("with", withStray, "York");

        var hotA = Path.Combine(a.OutputFolder, "hotspots");
        var hotB = Path.Combine(b.OutputFolder, "hotspots");
        Assert.Equal(File.ReadAllBytes(Path.Combine(hotA, "hotspots.csv")), File.ReadAllBytes(Path.Combine(hotB, "hotspots.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(hotA, "hotspot-top.csv")), File.ReadAllBytes(Path.Combine(hotB, "hotspot-top.csv")));
        Assert.Equal(CellSize(a), CellSize(b));

        long Outside(RunResult r)
        {
            using var store = AssessmentStore.Open(r.StorePath, readOnly: true);
            var rows = DescriptiveResults.Read(store).OutsideArea;
            Assert.All(rows, o => Assert.False(o.Suppressed && o.Reason == "LSOA outside the area" && o.Source == "police_street"));
            return rows.Where(o => o.Source == "police_street" && o.Reason == "LSOA outside the area").Sum(o => o.Records ?? 0);
        }
        Assert.Equal(Outside(a) + 1, Outside(b));
        Assert.Contains("Records outside the area", File.ReadAllText(Path.Combine(b.OutputFolder, "needs-assessment.html")), StringComparison.Ordinal);
    }

    private static double CellSize(RunResult r)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(r.OutputFolder, "hotspots", "hotspot-parameters.json")));
        return doc.RootElement.GetProperty("grid").GetProperty("cellSize").GetDouble();
    }

    [Fact]
    public void A_one_authority_partnership_with_national_files_gets_rates_and_districts_for_its_own_lsoas_only()
    {
        var york = NeedsAssessment.Tests.Store.NationalReferenceFixture.WardLookupRows()
            .Where(f => f[6] == "E06000014").ToDictionary(f => f[0], f => f[3], StringComparer.Ordinal);
        // Residents of York, summed from the Census file's own lines.
        var residents = File.ReadLines(SharedData.File("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => york.ContainsKey(f[2].Trim('"'))).Sum(f => long.Parse(f[3], CultureInfo.InvariantCulture));

        var run = yorkRun.Result;

        using var store = AssessmentStore.Open(run.StorePath, readOnly: true);
        var levels = store.Query("SELECT DISTINCT level, area_code FROM indicator_values_export", r => (Level: r.GetString(0), Code: r.GetString(1)));
        Assert.Equal(york.Keys.Order(StringComparer.Ordinal), levels.Where(l => l.Level == "lsoa").Select(l => l.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["E06000014"], levels.Where(l => l.Level == "district").Select(l => l.Code));
        Assert.Equal(york.Values.Distinct().Order(StringComparer.Ordinal), levels.Where(l => l.Level == "ward").Select(l => l.Code).Order(StringComparer.Ordinal));
        // Rates are per resident-year: a quarter's denominator is a quarter of York's residents, never England and Wales'.
        var denominators = store.Query("""
            SELECT DISTINCT denominator FROM indicator_values_export
            WHERE level = 'partnership' AND domain = 'prevalence' AND multiplier = 1000 AND period_type = 'quarter'
            """, r => r.GetDouble(0));
        Assert.Equal([residents / 4.0], denominators);
    }

    [Fact]
    public void A_one_authority_partnerships_hot_spot_grid_analyses_only_cells_inside_it_and_says_how_many()
    {
        var run = yorkRun.Result;
        using var store = AssessmentStore.Open(run.StorePath, readOnly: true);
        var stage = HotspotAnalysis.Read(store);
        var grid = stage.Parameters!.Grid!;
        var rows = stage.Of("gistar", stage.Parameters.Period).ToList();
        Assert.Equal(grid.AnalysedCells, rows.Count);
        Assert.True(grid.AnalysedCells < grid.Columns * grid.Rows, $"{grid.AnalysedCells} of {grid.Columns * grid.Rows} cells analysed");
        Assert.Contains("nearest one of the area's", grid.AnalysedRule, StringComparison.Ordinal);

        // Each analysed cell's centre is nearest a York centroid (among every LSOA in England and Wales), or holds an event.
        var centroids = store.Query("SELECT upper(trim(lsoa21_code)), x, y FROM centroids WHERE x IS NOT NULL", r => (Code: r.GetString(0), X: r.GetDouble(1), Y: r.GetDouble(2)));
        var yorkCodes = store.Query("SELECT lsoa21_code FROM area_lsoas", r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        var withEvents = rows.Where(r => r.Count is null or > 0).Select(r => r.UnitId).ToHashSet(StringComparer.Ordinal);
        var empty = rows.Where(r => !withEvents.Contains(r.UnitId)).ToList();
        Assert.NotEmpty(empty);
        // A cell's nearest centroid is no farther than its nearest York one, so a centroid farther than that from every
        // cell cannot be nearest: the search runs over the centroids within that reach of the cells, in the file's order,
        // and finds the same first nearest as a search over all of England and Wales (which, cell by cell, took most of
        // this class's CPU: tens of thousands of cells times 35,000 centroids).
        var york = centroids.Where(c => yorkCodes.Contains(c.Code)).ToList();
        var reach = Math.Sqrt(empty.Max(r => york.Min(c => (c.X - r.X) * (c.X - r.X) + (c.Y - r.Y) * (c.Y - r.Y)))) + 1;
        var (minX, maxX, minY, maxY) = (empty.Min(r => r.X) - reach, empty.Max(r => r.X) + reach, empty.Min(r => r.Y) - reach, empty.Max(r => r.Y) + reach);
        var candidates = centroids.Where(c => c.X >= minX && c.X <= maxX && c.Y >= minY && c.Y <= maxY).ToList();
        var outside = empty
            .Where(r => !yorkCodes.Contains(candidates.MinBy(c => (c.X - r.X) * (c.X - r.X) + (c.Y - r.Y) * (c.Y - r.Y)).Code)).ToList();
        Assert.Empty(outside);
    }
}
