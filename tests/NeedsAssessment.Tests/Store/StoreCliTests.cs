using System.Text.Json;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Store;

/// <summary>The built CLI's store commands: status --json counts, sql read-only, quarantine listing.</summary>
public sealed class StoreCliTests(StoreCliTests.LoadedStore loaded) : IClassFixture<StoreCliTests.LoadedStore>, IDisposable
{
    /// <summary>
    /// The store every test queries through the CLI, loaded once for the class: no command these tests run may change it
    /// (the tests that try to write check it is unchanged), and a class's tests run one at a time.
    /// </summary>
    public sealed class LoadedStore : IDisposable
    {
        private readonly TempFolder _dir = new();

        public LoadedStore()
        {
            Db = Path.Combine(_dir.Path, "store.duckdb");
            using var h = new Harness(Db);
            CrimeLoad = h.Load("police-recorded-crime", "prc.csv", Fixture.Csv("police-recorded-crime", null, Fixture.Set(("weapon", "spoon")), null, null)).LoadId;
            h.Load("police-street", "jan.csv", Fixture.Csv("police-street", Fixture.Set(("month", "2024-01")), Fixture.Set(("month", "2024-03"))));
        }

        public string Db { get; }

        public long CrimeLoad { get; }

        public void Dispose() => _dir.Dispose();
    }

    // Each test's own folder: the working directory and any file a test writes beside the store.
    private readonly TempFolder _dir = new();
    private readonly string _db = loaded.Db;
    private readonly long _crimeLoad = loaded.CrimeLoad;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void StatusJsonReportsRowsPerKindAndFile()
    {
        var o = CliProcess.Run(_dir.Path, "status", "--json", "--db", _db);
        Assert.True(o.ExitCode == 0, o.Stderr);
        using var doc = JsonDocument.Parse(o.Stdout);
        Assert.Equal(Path.GetFullPath(_db), doc.RootElement.GetProperty("store").GetString());
        var kinds = doc.RootElement.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        Assert.Equal(SchemaCatalog.Default.Kinds.Order(StringComparer.Ordinal), kinds.Keys.Order(StringComparer.Ordinal));
        var crime = kinds["police-recorded-crime"];
        Assert.Equal((1, 4L, 3L, 1L), (crime.GetProperty("files").GetInt32(), crime.GetProperty("rows_read").GetInt64(),
            crime.GetProperty("rows_loaded").GetInt64(), crime.GetProperty("rows_quarantined").GetInt64()));
        var file = Assert.Single(crime.GetProperty("file_details").EnumerateArray().ToList());
        Assert.Equal(("prc.csv", _crimeLoad, "loaded", 4L, 3L, 1L), (file.GetProperty("file_name").GetString(), file.GetProperty("load_id").GetInt64(),
            file.GetProperty("status").GetString(), file.GetProperty("rows_read").GetInt64(), file.GetProperty("rows_loaded").GetInt64(), file.GetProperty("rows_quarantined").GetInt64()));
        var street = kinds["police-street"];
        Assert.Equal(("2024-01-01", "2024-03-01"), (street.GetProperty("period_start").GetString(), street.GetProperty("period_end").GetString()));
        Assert.Equal(0, kinds["boundaries"].GetProperty("files").GetInt32());
    }

    [Fact]
    public void StatusOfAMissingStoreIsAUserError()
    {
        var o = CliProcess.Run(_dir.Path, "status", "--json", "--db", Path.Combine(_dir.Path, "none.duckdb"));
        CliProcess.AssertUserError(o);
        Assert.Contains("does not exist", o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreOfANewerLayoutIsRefusedByEveryCommandWithoutAStackTrace()
    {
        var db = Path.Combine(_dir.Path, "newer.duckdb");
        using (var s = AssessmentStore.Open(db)) s.Execute($"UPDATE store_info SET version = {AssessmentStore.StoreSchemaVersion + 1}");
        var file = _dir.File("c.csv", Fixture.ValidCsv("centroids", 1));
        foreach (var args in new[] { new[] { "status", "--db", db }, ["sql", "SELECT 1", "--db", db], ["ingest", "centroids", file, "--db", db] })
        {
            var o = CliProcess.Run(_dir.Path, args);
            CliProcess.AssertUserError(o);
            Assert.Contains("newer", o.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SqlAnswersReadOnlyQueries()
    {
        var o = CliProcess.Run(_dir.Path, "sql", "SELECT weapon, count(*) AS n FROM police_recorded_crime GROUP BY 1 ORDER BY 1", "--json", "--db", _db);
        Assert.True(o.ExitCode == 0, o.Stderr);
        using var doc = JsonDocument.Parse(o.Stdout);
        Assert.Equal(3, doc.RootElement.EnumerateArray().Sum(e => e.GetProperty("n").GetInt64()));
    }

    [Theory]
    [InlineData("CREATE TABLE sneaky (a INTEGER)")]
    [InlineData("DELETE FROM police_street")]
    [InlineData("INSERT INTO loads SELECT * FROM loads")]
    public void SqlCannotWriteToTheStore(string statement)
    {
        var o = CliProcess.Run(_dir.Path, "sql", statement, "--db", _db);
        CliProcess.AssertUserError(o);
        Assert.Contains("SQL error", o.Stderr, StringComparison.Ordinal);
        using var s = AssessmentStore.Open(_db, readOnly: true);
        Assert.False(s.TableExists("sneaky"));
        Assert.Equal(2L, Convert.ToInt64(s.Scalar("SELECT count(*) FROM police_street"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2L, Convert.ToInt64(s.Scalar("SELECT count(*) FROM loads"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SqlCannotAttachAnotherStoreAndDropItsTables()
    {
        var other = Path.Combine(_dir.Path, "other.duckdb");
        using (var s = AssessmentStore.Open(other)) s.Execute("CREATE TABLE precious AS SELECT 1 AS a");
        var o = CliProcess.Run(_dir.Path, "sql", $"ATTACH '{other}' AS o", "--db", _db);
        CliProcess.AssertUserError(o);
        Assert.Contains("cannot read or write other files", o.Stderr, StringComparison.Ordinal);
        using var check = AssessmentStore.Open(other, readOnly: true);
        Assert.True(check.TableExists("precious"));
    }

    [Fact]
    public void SqlCannotCopyToAFile()
    {
        var target = Path.Combine(_dir.Path, "leak.csv");
        var o = CliProcess.Run(_dir.Path, "sql", $"COPY (SELECT * FROM loads) TO '{target}'", "--db", _db);
        CliProcess.AssertUserError(o);
        Assert.Contains("disabled by configuration", o.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Theory]
    [InlineData("read_csv")]
    [InlineData("read_text")]
    [InlineData("glob")]
    public void SqlCannotReadOtherFiles(string function)
    {
        var secret = _dir.File("secret.csv", "name,nhs\nJo Bloggs,9434765919\n");
        var o = CliProcess.Run(_dir.Path, "sql", $"SELECT * FROM {function}('{secret}')", "--csv", "--db", _db);
        CliProcess.AssertUserError(o);
        Assert.DoesNotContain("Bloggs", o.Stdout, StringComparison.Ordinal);
        Assert.Contains("disabled by configuration", o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlCsvAndJsonWriteDatesAsIsoYearMonthDay()
    {
        var o = CliProcess.Run(_dir.Path, "sql", "SELECT DATE '2018-10-01' AS d, TIMESTAMP '2018-10-01 13:45:00' AS t, TIME '07:05:00' AS h", "--csv", "--db", _db);
        Assert.True(o.ExitCode == 0, o.Stderr);
        Assert.Equal(["d,t,h", "2018-10-01,2018-10-01 13:45:00,07:05:00"], o.Stdout.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        var j = CliProcess.Run(_dir.Path, "sql", "SELECT DATE '2018-10-01' AS d", "--json", "--db", _db);
        Assert.True(j.ExitCode == 0, j.Stderr);
        Assert.Contains("\"2018-10-01\"", j.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlCannotTurnExternalAccessBackOn()
    {
        var o = CliProcess.Run(_dir.Path, "sql", "SET enable_external_access = true", "--db", _db);
        CliProcess.AssertUserError(o);
        Assert.Contains("locked", o.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT 1 AS a; SELECT no_such_column")]
    [InlineData("SELECT 1 AS a; SELECT 2 AS b")]
    public void SqlRunsOneStatementPerCallSoNoErrorIsSwallowed(string statements)
    {
        var o = CliProcess.Run(_dir.Path, "sql", statements, "--csv", "--db", _db);
        CliProcess.AssertUserError(o);
        Assert.Contains("exactly one statement per call, and this text holds 2", o.Stderr, StringComparison.Ordinal);
        Assert.Equal("", o.Stdout);
    }

    [Fact]
    public void QuarantineListsTheRejectedRowWithItsReason()
    {
        var o = CliProcess.Run(_dir.Path, "quarantine", "--load", _crimeLoad.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", _db);
        Assert.True(o.ExitCode == 0, o.Stderr);
        Assert.Contains("spoon", o.Stdout, StringComparison.Ordinal);
        Assert.Contains("Weapon", o.Stdout, StringComparison.Ordinal);
    }
}
