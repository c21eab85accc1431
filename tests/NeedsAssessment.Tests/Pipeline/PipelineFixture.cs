using NeedsAssessment.Pipeline;
using NeedsAssessment.Synthetic;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// The pipeline tests' county and a way to write assessment files over it. The county (one year: the mechanics these
/// tests check, reruns, skipping, atomic publishing, kills, read-only folders and full disks, do not depend on its size)
/// is generated once per test session, and so is one complete run over it, <see cref="Baseline"/>: a test that needs "a
/// finished run" reads it, or works on <see cref="CopyOfBaseline"/>, instead of running the whole pipeline again. Each
/// class still writes its own assessment files and outputs under its own <see cref="Root"/>.
/// </summary>
public sealed class PipelineFixture : IDisposable
{
    /// <summary>Made before the class's first test, so a test's time is its own work, not a wait for the shared run.</summary>
    public PipelineFixture() => _ = SharedCounty.Baseline.Value;

    /// <summary>This class's folder: its assessment files and output folders.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("na-pipeline-").FullName;

    /// <summary>The shared county's partner files (read them, never change them: copy first).</summary>
    public SyntheticResult Data => SharedCounty.Data.Value;

    /// <summary>
    /// One complete run of every stage over <see cref="Data"/>, made once per session with the assessment file
    /// <see cref="WriteAssessment"/> writes and no extra settings. Never write into its folder or store: copy it.
    /// </summary>
    public RunResult Baseline => SharedCounty.Baseline.Value;

    /// <summary>
    /// Copies the baseline's output folder (outputs, manifest and store) to <paramref name="output"/> under
    /// <see cref="Root"/>, as if the assessment file <see cref="WriteAssessment"/> writes for that output had been run
    /// there: the stages' fingerprints hold no paths, so a rerun there skips or reruns exactly what a rerun of the
    /// baseline would.
    /// </summary>
    public string CopyOfBaseline(string output)
    {
        var target = Path.Combine(Root, output);
        CopyFolder(Baseline.OutputFolder, target);
        return target;
    }

    /// <summary>A copy of the baseline's store alone, in a new folder <paramref name="name"/> under <see cref="Root"/>.</summary>
    public string CopyOfBaselineStore(string name)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        var store = Path.Combine(folder, AssessmentRunner.StoreFileName);
        File.Copy(Baseline.StorePath, store);
        if (File.Exists(Baseline.StorePath + ".wal")) File.Copy(Baseline.StorePath + ".wal", store + ".wal");
        return store;
    }

    /// <summary>
    /// <c>report</c> run once by the CLI from a copy of the baseline's store into a folder of the session: the report
    /// folder "written before" that the report-command tests start from (<see cref="CopyOfBaselineReport"/>).
    /// </summary>
    internal CliProcess.Outcome BaselineReport => SharedCounty.Report.Value.Outcome;

    /// <summary>The folder <see cref="BaselineReport"/> wrote (read it, never change it: copy it).</summary>
    internal string BaselineReportFolder => SharedCounty.Report.Value.Folder;

    /// <summary>
    /// Copies the folder <see cref="BaselineReport"/> wrote to <paramref name="target"/> (a full path): what running
    /// <c>report</c> there from a copy of the baseline's store would leave, as the command's output holds no path.
    /// </summary>
    internal string CopyOfBaselineReport(string target)
    {
        CopyFolder(SharedCounty.Report.Value.Folder, target);
        return target;
    }

    /// <summary>Writes an assessment file listing every generated kind, with paths relative to the file.</summary>
    public string WriteAssessment(string name, string output, string? dataFolder = null, string extra = "") =>
        SharedCounty.WriteAssessment(Root, Data, name, output, dataFolder, extra);

    internal static void CopyFolder(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    /// <summary>What the pipeline classes share for the whole session, made on first use and deleted when the process exits.</summary>
    private static class SharedCounty
    {
        private static readonly string SharedRoot = SessionFolder.Create("na-pipeline-shared-");

        // The session's one-year county of seed 7, which the ingest checks of the generated files read too.
        public static readonly Lazy<SyntheticResult> Data = new(() => SharedDemo.County(seed: 7, years: 1), LazyThreadSafetyMode.ExecutionAndPublication);

        public static readonly Lazy<RunResult> Baseline = new(
            () => AssessmentRunner.Run(AssessmentFile.Load(WriteAssessment(SharedRoot, Data.Value, "baseline.yaml", "out-baseline", null, ""))),
            LazyThreadSafetyMode.ExecutionAndPublication);

        public static readonly Lazy<(CliProcess.Outcome Outcome, string Folder)> Report = new(() =>
        {
            var store = Path.Combine(SharedRoot, "report-store", AssessmentRunner.StoreFileName);
            Directory.CreateDirectory(Path.GetDirectoryName(store)!);
            File.Copy(Baseline.Value.StorePath, store);
            var folder = Path.Combine(SharedRoot, "report");
            return (CliProcess.Run(SharedRoot, "report", "--db", store, "--out", folder), folder);
        }, LazyThreadSafetyMode.ExecutionAndPublication);

        public static string WriteAssessment(string root, SyntheticResult data, string name, string output, string? dataFolder, string extra)
        {
            var folder = dataFolder ?? data.OutputFolder;
            var lines = new List<string>
            {
                "partnership:", "  name: Synthshire CSP", "  area: Synthshire",
                "inputs:",
            };
            foreach (var (kind, files) in data.FilesByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                var rel = files.Select(f => Path.GetRelativePath(root, Path.Combine(folder, Path.GetRelativePath(data.OutputFolder, f))).Replace('\\', '/'));
                lines.Add($"  {kind}: [{string.Join(", ", rel)}]");
            }
            lines.Add("periods: [financial_year, rolling_12_months]");
            lines.Add("geography:");
            lines.Add("  levels: [district, partnership]");
            lines.Add($"output: {output}");
            if (extra.Length > 0) lines.Add(extra);
            var path = Path.Combine(root, name);
            // The shared root holds no data of its own now (the county is the session's), so it may not exist yet.
            Directory.CreateDirectory(root);
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            return path;
        }
    }
}
