using System.Diagnostics;
using System.Security.Cryptography;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// Issue 20, part 7: a read-only output folder and a full disk are the user's to fix, so they exit 2 naming the folder
/// and the fix (before: "internal error ... this is a bug", exit 1), and the previous outputs stay as they were.
/// The tests run as root on the build machine, so "read-only" is the immutable attribute (chattr +i), which root
/// obeys, and "full disk" is a small tmpfs; where neither can be set up (not root) the test says so and returns.
/// </summary>
public class OutputFolderErrorTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private static bool Sh(string file, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    /// <summary>A finished run's store for the test to write reports from: a copy of the session's baseline.</summary>
    private string Store(string name) => fixture.CopyOfBaselineStore(name);

    [Fact]
    public void A_read_only_report_folder_exits_2_naming_the_folder_and_the_fix_and_is_left_alone()
    {
        var store = Store("out-readonly-report");
        var report = Path.Combine(fixture.Root, "readonly-report");
        // The report written before is the session's, from a copy of the same store, copied here.
        Assert.Equal(0, fixture.BaselineReport.ExitCode);
        fixture.CopyOfBaselineReport(report);
        var before = Snapshot(report);
        if (!Sh("chattr", "+i", report)) return; // not root: the attribute can't be set here
        try
        {
            var o = CliProcess.Run(fixture.Root, "report", "--db", store, "--out", report, "--suppression", "fingertips");

            CliProcess.AssertUserError(o);
            Assert.Contains($"Cannot write to the output folder '{report}'", o.Stderr, StringComparison.Ordinal);
            Assert.Contains("Make it writable, or choose another output folder (--out", o.Stderr, StringComparison.Ordinal);
        }
        finally { Sh("chattr", "-i", report); }
        Assert.Equal(before, Snapshot(report));
    }

    [Fact]
    public void A_read_only_run_output_folder_exits_2_naming_the_folder()
    {
        var yaml = fixture.WriteAssessment("readonly-run.yaml", "out-readonly-run");
        // The good run is the session's baseline, copied to this test's output folder.
        var folder = Path.GetFullPath(fixture.CopyOfBaseline("out-readonly-run"));
        var before = Snapshot(folder);
        if (!Sh("chattr", "+i", folder)) return;
        try
        {
            var o = CliProcess.Run(fixture.Root, "run", yaml);

            CliProcess.AssertUserError(o);
            Assert.Contains($"Cannot write to the output folder '{folder}'", o.Stderr, StringComparison.Ordinal);
        }
        finally { Sh("chattr", "-i", folder); }
        Assert.Equal(before, Snapshot(folder));
    }

    [Fact]
    public void A_full_disk_while_writing_the_report_exits_2_with_the_disk_error_and_keeps_the_previous_report()
    {
        var store = Store("out-full-report");
        // The report written before is the session's, from a copy of the same store, copied onto the small disk.
        var first = fixture.BaselineReport;
        Assert.True(first.ExitCode == 0, first.Stderr);
        // A disk with room for that report and 8 MB more, however large the report grows (a fixed 16 MB stopped holding
        // it at 17 MB); the test then fills what is left.
        var megabytes = Directory.EnumerateFiles(fixture.BaselineReportFolder, "*", SearchOption.AllDirectories)
            .Sum(f => new FileInfo(f).Length + 4096) / (1024 * 1024) + 8;
        var mount = Directory.CreateTempSubdirectory("na-tmpfs-").FullName;
        if (!Sh("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", mount)) return; // not root: no tmpfs here
        try
        {
            var report = Path.Combine(mount, "report");
            fixture.CopyOfBaselineReport(report);
            var before = Snapshot(report);
            // Fill the disk to within 64 KB: the next report can't be staged beside the first.
            var free = new DriveInfo(mount).AvailableFreeSpace;
            using (var filler = File.Create(Path.Combine(mount, "filler"))) filler.SetLength(0);
            File.WriteAllBytes(Path.Combine(mount, "filler"), new byte[Math.Max(0, free - 64 * 1024)]);

            var o = CliProcess.Run(fixture.Root, "report", "--db", store, "--out", report, "--suppression", "fingertips");

            CliProcess.AssertUserError(o);
            Assert.Contains($"The disk holding '{mount}' is full (", o.Stderr, StringComparison.Ordinal);
            Assert.Contains("No space left on device", o.Stderr, StringComparison.Ordinal);
            Assert.Contains("free some space there", o.Stderr, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(report));
            Assert.Equal(["filler", "report"], Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally { Sh("umount", mount); Directory.Delete(mount, recursive: true); }
    }

    [Fact]
    public void A_full_disk_under_the_store_during_ingest_exits_2_with_the_disk_error_not_a_read_error()
    {
        var mount = Directory.CreateTempSubdirectory("na-tmpfs-").FullName;
        if (!Sh("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount)) return;
        try
        {
            var files = fixture.Data.FilesByKind["police-street"];
            var o = CliProcess.Run(fixture.Root, ["ingest", "police-street", .. files, "--db", Path.Combine(mount, "store.duckdb")]);

            CliProcess.AssertUserError(o);
            Assert.Contains("is full (", o.Stderr, StringComparison.Ordinal);
            Assert.Contains("free some space there", o.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("could not read the file", o.Stderr, StringComparison.Ordinal);
        }
        finally { Sh("umount", mount); Directory.Delete(mount, recursive: true); }
    }
}
