using System.Diagnostics;
using System.Security.Cryptography;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// Issue 20, part 3: a failure or a kill while publishing leaves the previous output folder complete and consistent.
/// Before, <c>run</c> moved each stage's files into the folder as the stage finished and <c>report</c> wrote in place.
/// </summary>
public class AtomicPublishingTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    /// <summary>Every file under <paramref name="folder"/> with its hash, the store left out (reruns reopen it).</summary>
    internal static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(AssessmentRunner.StoreFileName, StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    internal static void AssertSame(Dictionary<string, string> before, string folder)
    {
        var after = Snapshot(folder);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, sha) in before) Assert.True(sha == after[path], $"{path} changed");
    }

    /// <summary>A report stage that stages half a report and then fails, as a full disk or a crash in the renderer would.</summary>
    private sealed class FailingReport() : PipelineStage("report", Stages.Report.Reads, [])
    {
        public override string Settings(RunPlan plan) => "fails on purpose";

        public override string Run(StageContext context)
        {
            File.WriteAllText(Path.Combine(context.StagingFolder, "needs-assessment.html"), "<html><body>half a rep");
            throw new IOException("simulated write failure");
        }
    }

    [Fact]
    public void A_failure_in_a_late_stage_leaves_every_published_file_and_the_manifest_byte_identical()
    {
        // The good run is the session's baseline, copied to this test's output folder (what running there would leave:
        // no fingerprint holds a path).
        var good = fixture.Baseline with { OutputFolder = fixture.CopyOfBaseline("out-atomic-fail") };
        var before = Snapshot(good.OutputFolder);
        Assert.Contains(RunManifest.FileName, before.Keys);

        // New suppression: indicator-export, hot spots and model rerun and succeed, then the report fails. The old
        // runner had already moved their fingertips files beside the nhs report, under the old manifest.
        var changed = AssessmentFile.Load(fixture.WriteAssessment("atomic-fail.yaml", "out-atomic-fail", extra: "suppression: fingertips"));
        var stages = Stages.All.Select(s => s.Name == "report" ? new FailingReport() : s).ToList();
        var ex = Assert.Throws<StageFailedException>(() => AssessmentRunner.Run(changed, stages));

        Assert.Equal("report", ex.StageName);
        AssertSame(before, good.OutputFolder);
        Assert.False(Directory.Exists(Path.Combine(fixture.Root, ".out-atomic-fail.staging")), "the staging folder is removed");

        // The store already holds the fingertips export; the published files don't, so the next run must rerun it.
        var next = AssessmentRunner.Run(changed);
        var status = next.Manifest.Stages.ToDictionary(s => s.Name, s => s.Status);
        Assert.Equal("ran", status["indicator-export"]);
        Assert.Equal("ran", status["report"]);
        Assert.Equal("skipped", status["indicators"]);
        foreach (var o in next.Manifest.Outputs)
            Assert.Equal(o.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(next.OutputFolder, o.Path)))));
        Assert.Contains("fingertips", File.ReadAllText(Path.Combine(next.OutputFolder, "indicators", "indicator_values.parameters.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_publication_carries_over_what_it_does_not_replace_and_leaves_no_staging_folder()
    {
        var root = Directory.CreateTempSubdirectory("na-publish-").FullName;
        try
        {
            var output = Path.Combine(root, "out");
            Directory.CreateDirectory(Path.Combine(output, "keep"));
            File.WriteAllText(Path.Combine(output, "keep", "notes.txt"), "mine");
            File.WriteAllText(Path.Combine(output, "report.html"), "old");

            FolderPublication.Publish(output, p =>
            {
                File.WriteAllText(Path.Combine(p.StagingFolder, "report.html"), "new");
                return 0;
            });

            Assert.Equal("new", File.ReadAllText(Path.Combine(output, "report.html")));
            Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "keep", "notes.txt")));
            Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Checking_that_the_output_folder_is_writable_writes_nothing_into_it()
    {
        if (!OperatingSystem.IsLinux()) return; // elsewhere a probe file is written and deleted
        var root = Directory.CreateTempSubdirectory("na-publish-").FullName;
        try
        {
            var output = Path.Combine(root, "out");
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "report.html"), "complete old report");
            var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            Directory.SetLastWriteTimeUtc(output, written);

            // A file made and deleted in the folder, even for a moment, moves its write time (and a kill leaves the file).
            using (FolderPublication.Begin(output)) { /* abandoned: nothing committed */ }

            Assert.Equal(written, Directory.GetLastWriteTimeUtc(output));
            Assert.Equal(["report.html"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_kill_between_the_two_renames_of_the_fallback_swap_is_undone_by_the_next_publication()
    {
        var root = Directory.CreateTempSubdirectory("na-publish-").FullName;
        try
        {
            // What a kill after "output -> .out.previous" and before "staging -> output" leaves behind.
            var previous = Path.Combine(root, ".out.previous");
            Directory.CreateDirectory(previous);
            File.WriteAllText(Path.Combine(previous, "report.html"), "complete old report");
            Directory.CreateDirectory(Path.Combine(root, ".out.staging"));
            File.WriteAllText(Path.Combine(root, ".out.staging", "report.html"), "half");

            using (FolderPublication.Begin(Path.Combine(root, "out"))) { /* abandoned: nothing committed */ }

            Assert.Equal("complete old report", File.ReadAllText(Path.Combine(root, "out", "report.html")));
            Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Sigkill_during_report_leaves_the_previous_report_folder_byte_identical()
    {
        // Any finished run's store will do: a copy of the baseline's.
        var store = fixture.CopyOfBaselineStore("out-kill-report");
        // The report written before is the session's, from a copy of the same store, copied here.
        var first = fixture.BaselineReport;
        Assert.True(first.ExitCode == 0, first.Stderr);
        var report = fixture.CopyOfBaselineReport(Path.Combine(fixture.Root, "kill-report"));
        var before = Snapshot(report);

        // Another policy changes the export, so a report written in place would differ as soon as it starts writing.
        KillWhenStaged(report, "report", "--db", store, "--out", report, "--suppression", "fingertips");

        AssertSame(before, report);
        var again = CliProcess.Run(fixture.Root, "report", "--db", store, "--out", report);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.False(Directory.Exists(Path.Combine(fixture.Root, ".kill-report.staging")));
    }

    [Fact]
    public void Sigkill_during_a_run_leaves_the_previous_outputs_and_manifest_byte_identical_and_the_next_run_completes()
    {
        var yaml = fixture.WriteAssessment("atomic-kill-run.yaml", "out-kill-run");
        // The good run is the session's baseline, copied to this test's output folder.
        var good = fixture.Baseline with { OutputFolder = fixture.CopyOfBaseline("out-kill-run") };
        var before = Snapshot(good.OutputFolder);

        fixture.WriteAssessment("atomic-kill-run.yaml", "out-kill-run", extra: "suppression: fingertips");
        KillWhenStaged(good.OutputFolder, "run", yaml);

        AssertSame(before, good.OutputFolder);
        var next = AssessmentRunner.Run(AssessmentFile.Load(yaml));
        foreach (var o in next.Manifest.Outputs)
            Assert.Equal(o.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(next.OutputFolder, o.Path)))));
        Assert.Equal("ran", next.Manifest.Stages.Single(s => s.Name == "report").Status);
    }

    /// <summary>
    /// Starts the CLI and kills it with SIGKILL as soon as it has written a file of the new publication: one in the
    /// staging folder beside <paramref name="output"/>, or (as the old code did) a changed file inside it.
    /// </summary>
    internal static void KillWhenStaged(string output, params string[] args)
    {
        var staging = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.staging");
        // Polled every 20 ms while the command runs, so by size and write time, not by hash: hashing the tens of megabytes
        // of a finished run's folder on every look kept a core busy for the whole wait, taking it from the command being
        // watched. A file written in place gets a new write time, so this sees every change a hash would.
        var before = Stamps(output);
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(output)! };
        psi.ArgumentList.Add(CliProcess.Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        bool Started()
        {
            // The command is moving files about while this looks, so a file can vanish between listing and reading.
            try
            {
                return (Directory.Exists(staging) && Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Any(f => !f.Contains(".duckdb", StringComparison.Ordinal))) ||
                       Stamps(output).Any(kv => !before.TryGetValue(kv.Key, out var stamp) || stamp != kv.Value);
            }
            catch (IOException) { return false; }
        }
        while (!p.HasExited && !Started() && clock.Elapsed < TimeSpan.FromSeconds(120)) Thread.Sleep(20);
        Assert.False(p.HasExited, "the command finished before it could be killed mid-publication");
        Process.Start("kill", ["-9", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        p.WaitForExit();
        Assert.Equal(137, p.ExitCode);
    }

    /// <summary>Every file under <paramref name="folder"/> with its length and last write time, the store left out as in <see cref="Snapshot"/>.</summary>
    private static Dictionary<string, (long Length, DateTime Written)> Stamps(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.Name.StartsWith(AssessmentRunner.StoreFileName, StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f.FullName), f => (f.Length, f.LastWriteTimeUtc), StringComparer.Ordinal);
}
