using System.Diagnostics;
using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Ingest;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;
using Spectre.Console;

namespace NeedsAssessment.Cli.Commands;

/// <summary>
/// Times the whole assessment at scale: synthetic generation, ingestion, classification and every shipped
/// indicator at LSOA level, with the process's peak working set after each step.
/// </summary>
internal static class AssessmentBench
{
    public static int Run(string scaleName, int years, string? work)
    {
        var scale = scaleName == "county" ? SyntheticScale.County : scaleName == "national" ? SyntheticScale.National
            : throw new UserErrorException($"--scale must be county or national, not '{scaleName}'.");
        var folder = work ?? Directory.CreateTempSubdirectory("na-bench-assessment-").FullName;
        var perStep = ResetPeak();
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("step", "seconds", "rows", perStep ? "peak working set in the step (MB)" : "peak working set so far (MB)");
        var clock = Stopwatch.StartNew();
        void Step(string name, long rows)
        {
            using var process = Process.GetCurrentProcess();
            var peak = process.PeakWorkingSet64 / 1e6;
            table.AddRow(name, clock.Elapsed.TotalSeconds.ToString("F1"), rows.ToString("N0"), peak.ToString("F0"));
            AnsiConsole.MarkupLine($"[grey]{name}: {clock.Elapsed.TotalSeconds:F1} s, peak {peak:F0} MB[/]");
            ResetPeak();
            clock.Restart();
        }
        try
        {
            var data = SyntheticCounty.Generate(new SyntheticOptions(Path.Combine(folder, "data")) { Scale = scale, Years = years });
            Step($"generate ({scale}, {years} years)", data.RowsByKind.Values.Sum());
            using var store = AssessmentStore.Open(Path.Combine(folder, "bench.duckdb"));
            var ingester = new Ingester(store);
            long loaded = 0;
            foreach (var kind in Assessment.LoadOrder.Where(data.FilesByKind.ContainsKey))
                foreach (var f in data.FilesByKind[kind]) loaded += ingester.Load(kind, f).RowsLoaded;
            Step("ingest (validated)", loaded);
            var classified = Classifier.Run(store);
            Step("classify", classified.Events);
            var run = IndicatorEngine.Compute(store, new IndicatorOptions { Levels = [IndicatorLevels.Lsoa] });
            Step($"indicators at LSOA level ({run.IndicatorIds.Count} indicators)", run.Rows);
            // Most indicators summarise LSOAs within a larger area (Gini, SII, shares, pooled DSRs) and the catalogue
            // gives them no LSOA row; the default run computes every shipped indicator at each of its levels.
            var all = IndicatorEngine.Compute(store);
            Step($"indicators at LSOA, ward, district and partnership ({all.IndicatorIds.Count} indicators)", all.Rows);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{Environment.ProcessorCount} cores; DuckDB memory limit {store.Scalar("SELECT current_setting('memory_limit')")}.");
            return 0;
        }
        finally
        {
            if (work is null) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Resets the kernel's peak resident set (VmHWM, what PeakWorkingSet64 reads) so each step reports its own peak.
    /// Linux only (writing 5 to /proc/self/clear_refs); elsewhere the peak is cumulative and the column says so.
    /// </summary>
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
