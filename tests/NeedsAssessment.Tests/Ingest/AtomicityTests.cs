using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>A failure injected mid-load leaves the store exactly as before, and a later load works.</summary>
public sealed class AtomicityTests
{
    private sealed class InjectedFailure(string at) : Exception($"injected failure at {at}");

    private static string Mixed(int rows) =>
        Fixture.Csv("police-street", Enumerable.Range(1, rows).Select(i => i % 3 == 0 ? Fixture.Set(("crime_type", "Murder")) : null).ToArray());

    [Fact]
    public void CheckpointsAreCalledInOrderInsideTheLoad()
    {
        using var h = new Harness();
        var seen = new List<string>();
        var ingester = new Ingester(h.Store) { Checkpoint = seen.Add };
        ingester.Load("police-street", h.Dir.File("a.csv", Mixed(3)));
        Assert.Equal(["after-write", "before-commit"], seen);
    }

    [Theory]
    [InlineData("after-write")]
    [InlineData("before-commit")]
    public void FailureMidLoadLeavesTheStoreExactlyAsBeforeAndALaterLoadWorks(string at)
    {
        using var h = new Harness();
        h.Load("police-street", "earlier.csv", Mixed(4));
        h.Load("deprivation", "imd.csv", Fixture.ValidCsv("deprivation", 2));
        var before = h.Snapshot();
        var loadsBefore = h.Count("SELECT count(*) FROM loads");

        var failing = new Ingester(h.Store) { Checkpoint = c => { if (c == at) throw new InjectedFailure(c); } };
        var path = h.Dir.File("new.csv", Mixed(9));
        Assert.Throws<InjectedFailure>(() => failing.Load("police-street", path));

        Assert.Equal(before, h.Snapshot());
        Assert.Equal(loadsBefore, h.Count("SELECT count(*) FROM loads"));
        Assert.Equal(0, h.Count("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '\\_\\_%' ESCAPE '\\'"));

        var r = h.Ingester.Load("police-street", path);
        Assert.Equal(LoadStatus.Loaded, r.Status);
        Assert.Equal((9L, 6L, 3L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(4 + 9 - 1 - 3, h.Rows("police-street"));
        Assert.Equal(1 + 3, h.Count("SELECT count(*) FROM quarantine"));
    }

    [Theory]
    [InlineData("after-write")]
    [InlineData("before-commit")]
    public void FailedReplacementKeepsTheEarlierRowsOfTheSameFile(string at)
    {
        using var h = new Harness();
        var path = h.Dir.File("month.csv", Mixed(3));
        var first = h.Ingester.Load("police-street", path);
        var before = h.Snapshot();
        File.WriteAllText(path, Fixture.ValidCsv("police-street", 6));

        var failing = new Ingester(h.Store) { Checkpoint = c => { if (c == at) throw new InjectedFailure(c); } };
        Assert.Throws<InjectedFailure>(() => failing.Load("police-street", path));
        Assert.Equal(before, h.Snapshot());
        Assert.Equal("loaded", h.Store.Scalar($"SELECT status FROM loads WHERE load_id = {first.LoadId}"));

        var r = h.Ingester.Load("police-street", path);
        Assert.Equal(LoadStatus.Replaced, r.Status);
        Assert.Equal(6, h.Rows("police-street"));
        Assert.Equal(0, h.Count("SELECT count(*) FROM quarantine"));
    }

    [Fact]
    public void ReaderFailureInsideTheTransactionIsAUserErrorAndLeavesTheEarlierRows()
    {
        using var h = new Harness();
        var path = h.Dir.File("month.csv", Fixture.ValidCsv("police-street", 3));
        h.Ingester.Load("police-street", path);
        var before = h.Snapshot();
        // Mixed line endings: DuckDB's reader stops with an error after the replacement has begun.
        var l = Fixture.ValidCsv("police-street", 4).TrimEnd('\n').Split('\n');
        File.WriteAllText(path, l[0] + "\n" + l[1] + "\n\r\n" + l[2] + "\r\n" + l[3] + "\n" + l[4] + "\n");
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", path));
        Assert.StartsWith("month.csv: DuckDB could not read the file as police-street:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, h.Snapshot());
        File.WriteAllText(path, Fixture.ValidCsv("police-street", 4));
        Assert.Equal(LoadStatus.Replaced, h.Ingester.Load("police-street", path).Status);
        Assert.Equal(4, h.Rows("police-street"));
    }

    [Fact]
    public void FailedWindows1252LoadLeavesNoTranscodedCopyBehind()
    {
        using var h = new Harness();
        var text = Fixture.Csv("deprivation", Fixture.Set(("lsoa11_name", "Café")));
        var bytes = SourceFile.Windows1252.GetBytes(text);
        var path = h.Dir.Bytes("cp.csv", bytes);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var failing = new Ingester(h.Store) { Checkpoint = c => throw new InjectedFailure(c) };
        Assert.Throws<InjectedFailure>(() => failing.Load("deprivation", path));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), $"na-{sha[..16]}.csv")));
        Assert.Equal(0, h.Count("SELECT count(*) FROM loads"));
    }
}
