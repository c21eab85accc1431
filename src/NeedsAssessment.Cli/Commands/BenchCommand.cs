using System.ComponentModel;
using System.Diagnostics;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment bench</c>: speed measured outside the tests.</summary>
public sealed class BenchCommand : Command<BenchCommand.Settings>
{
    /// <summary>Bench options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Rows.</summary>
        [CommandOption("--rows <N>")]
        [Description("Rows in the generated police-street CSV. Default: 1000000")]
        [DefaultValue(1_000_000)]
        public int Rows { get; init; } = 1_000_000;

        /// <summary>Which benchmark.</summary>
        [CommandOption("--what <NAME>")]
        [Description("ingest (default): validated load vs DuckDB's bare reader; gistar: neighbour search and Gi* on 35,000 random points with about 10 neighbours each; assessment: generate, load, classify and compute every indicator at LSOA level, timing each step; national: the R peer's core job (validated ingest, classify, sv_rate at LSOA, Gi* on LSOA centroids) on a year of national police.uk files, beside DuckDB's bare read and the R peer.")]
        [DefaultValue("ingest")]
        public string What { get; init; } = "ingest";

        /// <summary>Scale for the assessment benchmark.</summary>
        [CommandOption("--scale <SCALE>")]
        [Description("county or national (about 35,000 areas) for --what assessment. Default: national")]
        [DefaultValue("national")]
        public string Scale { get; init; } = "national";

        /// <summary>Years for the assessment benchmark.</summary>
        [CommandOption("--years <N>")]
        [Description("Years of synthetic data for --what assessment. Default: 5")]
        [DefaultValue(5)]
        public int Years { get; init; } = 5;

        /// <summary>Working folder.</summary>
        [CommandOption("--work <FOLDER>")]
        [Description("Working folder for --what assessment (needs several GB at national scale). Default: a temp folder, deleted after")]
        public string? Work { get; init; }

        /// <summary>National input folder.</summary>
        [CommandOption("--input <FOLDER>")]
        [Description("For --what national: a folder with police/, centroids.csv and population.csv (as ../shared/bench/gen_national_police.py writes). Default: generate them into the working folder")]
        public string? Input { get; init; }

        /// <summary>Centroids to generate from.</summary>
        [CommandOption("--centroids <FILE>")]
        [Description("For --what national without --input: the ONS LSOA 2021 population-weighted centroids. Default: ../shared/data/geography/LSOA_Dec_2021_PWC_EW.csv")]
        [DefaultValue("../shared/data/geography/LSOA_Dec_2021_PWC_EW.csv")]
        public string? Centroids { get; init; } = "../shared/data/geography/LSOA_Dec_2021_PWC_EW.csv";

        /// <summary>Ward lookup for the area hierarchy.</summary>
        [CommandOption("--wards <FILE>")]
        [Description("For --what national: ONS LSOA 2021 to ward and district best-fit lookup (one district for the nation when absent). Default: ../shared/data/geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv")]
        [DefaultValue("../shared/data/geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv")]
        public string? Wards { get; init; } = "../shared/data/geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv";

        /// <summary>R peer script.</summary>
        [CommandOption("--r-peer <FILE>")]
        [Description("For --what national: the R peer, run with Rscript when R is installed. Default: ../shared/bench/r_pipeline.R")]
        [DefaultValue("../shared/bench/r_pipeline.R")]
        public string? RPeer { get; init; } = "../shared/bench/r_pipeline.R";

        /// <summary>DuckDB memory limit.</summary>
        [CommandOption("--memory-limit <SIZE>")]
        [Description("For --what national: DuckDB's memory limit for the bare read and the engine. Default: 1500MB")]
        [DefaultValue("1500MB")]
        public string MemoryLimit { get; init; } = "1500MB";

        /// <summary>Repetitions.</summary>
        [CommandOption("--runs <N>")]
        [Description("For --what national: how many times to run the bare read, the engine and the R peer. Default: 3")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        /// <summary>Also time the grid hot spot stage.</summary>
        [CommandOption("--grid-hotspots")]
        [Description("For --what national: also time the hot spot stage (grid Gi*), outside the core job")]
        public bool GridHotspots { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        switch (settings.What.ToLowerInvariant())
        {
            case "ingest": break;
            case "gistar": return GiStar();
            case "assessment": return AssessmentBench.Run(settings.Scale, settings.Years, settings.Work);
            case "national": return NationalBench.Run(settings);
            default: throw new UserErrorException($"--what must be ingest, gistar, assessment or national, not '{settings.What}'.");
        }
        var folder = Directory.CreateTempSubdirectory("na-bench-").FullName;
        try
        {
            var csv = Path.Combine(folder, "2024-01-bench-street.csv");
            AnsiConsole.MarkupLine($"Writing {settings.Rows:N0} police-street rows to {csv} ...");
            BenchData.WritePoliceStreet(csv, settings.Rows, seed: 1);
            var bytes = new FileInfo(csv).Length;

            // Bare reader first, in its own store, then the full validated load; both after a warm-up read.
            using (var warm = AssessmentStore.Open(Path.Combine(folder, "warm.duckdb")))
                warm.Execute($"CREATE TABLE w AS SELECT * FROM read_csv({AssessmentStore.Literal(csv)}, all_varchar = true)");
            double bare;
            using (var s = AssessmentStore.Open(Path.Combine(folder, "bare.duckdb")))
            {
                var sw = Stopwatch.StartNew();
                s.Execute($"CREATE TABLE bare AS SELECT * FROM read_csv({AssessmentStore.Literal(csv)})");
                bare = sw.Elapsed.TotalSeconds;
            }
            double full;
            LoadResult result;
            using (var s = AssessmentStore.Open(Path.Combine(folder, "full.duckdb")))
            {
                var sw = Stopwatch.StartNew();
                result = new Ingester(s).Load("police-street", csv);
                full = sw.Elapsed.TotalSeconds;
            }
            var bareRate = settings.Rows / bare;
            var fullRate = settings.Rows / full;
            var table = new Table().Border(TableBorder.Simple).AddColumns("reader", "seconds", "rows/s");
            table.AddRow("DuckDB read_csv (bare, CREATE TABLE AS)", bare.ToString("F2"), bareRate.ToString("N0"));
            table.AddRow("needs-assessment ingest (validated, quarantine, loads)", full.ToString("F2"), fullRate.ToString("N0"));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"File {bytes / 1e6:F1} MB; loaded {result.RowsLoaded:N0}, quarantined {result.RowsQuarantined:N0}.");
            AnsiConsole.MarkupLine($"Ratio (validated / bare rows per second): [bold]{fullRate / bareRate:F2}x[/] (target >= 0.80x)");
            AnsiConsole.MarkupLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int GiStar()
    {
        // A warm-up run keeps JIT compilation out of the timed run.
        NeedsAssessment.Spatial.SpatialBenchmark.RunGiStar(2_000, 10);
        var r = NeedsAssessment.Spatial.SpatialBenchmark.RunGiStar(35_000, 10);
        var table = new Table().Border(TableBorder.Simple).AddColumns("step", "milliseconds");
        table.AddRow("neighbour search (k-d tree, distance band)", r.NeighbourSearch.TotalMilliseconds.ToString("F1"));
        table.AddRow("Gi* with BH adjustment", r.GiStar.TotalMilliseconds.ToString("F1"));
        table.AddRow("total", r.Total.TotalMilliseconds.ToString("F1"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{r.Points:N0} points, band {r.Distance:F0} m, {r.MeanNeighbours:F1} neighbours per point on average.");
        return 0;
    }
}
