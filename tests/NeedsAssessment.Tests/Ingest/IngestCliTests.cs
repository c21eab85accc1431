using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>The built CLI's ingest and validate commands: exit codes, messages without stack traces, and validate writing nothing.</summary>
public sealed class IngestCliTests
{
    private static long Count(string db, string sql)
    {
        using var s = AssessmentStore.Open(db, readOnly: true);
        return Convert.ToInt64(s.Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void IngestLoadsAFileAndExitsZero()
    {
        using var dir = new TempFolder();
        var file = dir.File("street.csv", Fixture.Csv("police-street", null, Fixture.Set(("crime_type", "Murder"))));
        var db = Path.Combine(dir.Path, "a.duckdb");
        var o = CliProcess.Run(dir.Path, "ingest", "police-street", file, "--db", db);
        Assert.True(o.ExitCode == 0, o.Stderr + o.Stdout);
        Assert.Contains("2 rows read = 1 loaded + 1 quarantined", o.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Count(db, "SELECT count(*) FROM police_street"));
    }

    [Fact]
    public void WrongHeaderExitsNonZeroWithAMessageAndNoStackTrace()
    {
        using var dir = new TempFolder();
        var file = dir.File("bad-header.csv", Fixture.ValidCsv("police-street", 1).Replace("Crime type", "Crime_typ", StringComparison.Ordinal));
        var db = Path.Combine(dir.Path, "a.duckdb");
        var o = CliProcess.Run(dir.Path, "ingest", "police-street", file, "--db", db);
        CliProcess.AssertUserError(o);
        Assert.Contains("bad-header.csv", o.Stderr, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'Crime type' for 'Crime_typ'?", o.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Count(db, "SELECT count(*) FROM loads"));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("personal")]
    [InlineData("unknown-kind")]
    [InlineData("no-such-file")]
    public void UserErrorsExitNonZeroWithoutAStackTrace(string problem)
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "a.duckdb");
        var lines = Fixture.ValidCsv("police-street", 1).Split('\n');
        var (kind, file) = problem switch
        {
            "empty" => ("police-street", dir.File("empty.csv", "")),
            "personal" => ("police-street", dir.File("pii.csv", lines[0] + ",Victim Name\n" + lines[1] + ",Jo Bloggs\n")),
            "unknown-kind" => ("police-streets", dir.File("s.csv", Fixture.ValidCsv("police-street", 1))),
            _ => ("police-street", Path.Combine(dir.Path, "missing.csv")),
        };
        var o = CliProcess.Run(dir.Path, "ingest", kind, file, "--db", db);
        CliProcess.AssertUserError(o);
        Assert.Contains(problem == "unknown-kind" ? "police-streets" : Path.GetFileName(file), o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateWithoutAStoreCreatesNoStore()
    {
        using var dir = new TempFolder();
        var file = dir.File("imd.csv", Fixture.Csv("deprivation", null, Fixture.Set(("imd_decile", "12"))));
        var db = Path.Combine(dir.Path, "never.duckdb");
        var o = CliProcess.Run(dir.Path, "validate", "deprivation", file, "--db", db);
        Assert.True(o.ExitCode == 0, o.Stderr + o.Stdout);
        Assert.Contains("2 rows read = 1 valid + 1 would be quarantined", o.Stdout, StringComparison.Ordinal);
        Assert.Contains("Decile", o.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.duckdb*"));
    }

    [Fact]
    public void ValidateAgainstAnExistingStoreWritesNothing()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "a.duckdb");
        string before;
        using (var h = new Harness(db))
        {
            h.Load("deprivation", "first.csv", Fixture.ValidCsv("deprivation", 2));
            before = h.Snapshot();
        }
        var file = dir.File("second.csv", Fixture.Csv("deprivation", Fixture.Set(("lsoa11_code", "E01000001")), Fixture.Set(("lsoa11_code", "E01000077"))));
        var o = CliProcess.Run(dir.Path, "validate", "deprivation", file, "--db", db);
        Assert.True(o.ExitCode == 0, o.Stderr + o.Stdout);
        Assert.Contains("1 would be quarantined", o.Stdout, StringComparison.Ordinal);
        using var after = new Harness(db);
        Assert.Equal(before, after.Snapshot());
    }
}
