using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>
/// Files of several kinds, read ahead on a second connection while the kind before them writes, load exactly as the
/// kinds loaded one after another: the same load ids, rows, quarantine, loads table, results and progress lines, and
/// after a failure the same error and nothing written or said by the kinds after it.
/// </summary>
public sealed class OverlappedLoadTests
{
    private static string Describe(LoadResult r) =>
        string.Join("|", r.LoadId, r.Kind, Path.GetFileName(r.FilePath), r.Sha256, r.RowsRead, r.RowsLoaded, r.RowsQuarantined, r.Status, r.RepeatedKeys,
            string.Join(" ", r.Notes), string.Join(";", r.Issues.Select(i => $"{i.Record}/{i.Line}/{i.Column}/{i.Rule}/{i.Message}")), r.PeriodStart, r.PeriodEnd);

    private sealed class Collect(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines) lines.Add(value);
        }
    }

    private static readonly Func<LoadRequest, UserErrorException, Exception> Refused = (r, ex) => new UserErrorException($"{r.Kind} file {Path.GetFileName(r.Path)}: {ex.Message}", ex);

    /// <summary>Five kinds in load order; the police months (read in one pass) carry a record that is quarantined.</summary>
    private static List<LoadRequest> Files(TempFolder dir, string? brokenKind = null)
    {
        string Text(string kind, string text) => kind != brokenKind ? text
            // The first column dropped from every line: the file lacks a column its kind requires.
            : string.Join('\n', text.Split('\n').Select(l => l.Contains(',', StringComparison.Ordinal) ? l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..] : l));
        return
        [
            new("geography", dir.File("g.csv", Text("geography", Fixture.ValidCsv("geography", 30)))),
            new("centroids", dir.File("c.csv", Text("centroids", Fixture.ValidCsv("centroids", 40)))),
            new("deprivation", dir.File("d.csv", Text("deprivation", Fixture.ValidCsv("deprivation", 25)))),
            new("police-street", dir.File("jan.csv", Fixture.Csv("police-street", Fixture.Set(("month", "2024-01")), Fixture.Set(("crime_type", "x")), null))),
            new("police-street", dir.File("feb.csv", Fixture.Csv("police-street", Fixture.Set(("month", "2024-02")), null))),
            new("police-outcomes", dir.File("o.csv", Text("police-outcomes", Fixture.ValidCsv("police-outcomes", 10)))),
        ];
    }

    /// <summary>Each kind through its own call, one after another: the order the overlapped load must reproduce.</summary>
    private static (List<LoadResult> Results, Exception? Error) KindByKind(Harness h, List<LoadRequest> files, List<string> progress)
    {
        var results = new List<LoadResult>();
        try
        {
            foreach (var kind in files.Select(f => f.Kind).Distinct())
                results.AddRange(h.Ingester.LoadAll([.. files.Where(f => f.Kind == kind)], new Collect(progress), Refused));
            return (results, null);
        }
        catch (UserErrorException ex)
        {
            return (results, ex);
        }
    }

    [Fact]
    public void Kinds_read_ahead_on_another_connection_give_the_same_ids_rows_quarantine_results_and_lines_as_one_kind_after_another()
    {
        using var dir = new TempFolder();
        var files = Files(dir);
        using var overlapped = new Harness();
        var lines = new List<string>();
        var results = overlapped.Ingester.LoadAll(files, new Collect(lines), Refused);
        using var serial = new Harness();
        var expectedLines = new List<string>();
        var (expected, error) = KindByKind(serial, files, expectedLines);

        Assert.Null(error);
        Assert.Equal(expected.Select(Describe), results.Select(Describe));
        Assert.Equal(expectedLines, lines);
        Assert.Equal(serial.Snapshot(), overlapped.Snapshot());
        Assert.Equal(Enumerable.Range(1, files.Count).Select(i => (long)i), results.Select(r => r.LoadId));
        Assert.Equal(1, results.Single(r => r.FilePath.EndsWith("jan.csv", StringComparison.Ordinal)).RowsQuarantined);
    }

    [Fact]
    public void Each_kind_is_told_once_in_file_order_when_its_files_are_committed_and_seen_by_another_connection()
    {
        using var dir = new TempFolder();
        var files = Files(dir);
        using var h = new Harness();
        var told = new List<string>();
        h.Ingester.LoadAll(files, null, Refused, kind =>
        {
            using var other = h.Store.Duplicate();
            var committed = Convert.ToInt64(other.Scalar($"SELECT count(*) FROM loads WHERE kind = {NeedsAssessment.Store.AssessmentStore.Literal(kind)}"), System.Globalization.CultureInfo.InvariantCulture);
            told.Add($"{kind}:{committed}");
        });
        Assert.Equal(["geography:1", "centroids:1", "deprivation:1", "police-street:2", "police-outcomes:1"], told);
    }

    [Theory]
    [InlineData("centroids")]
    [InlineData("deprivation")]
    [InlineData("police-outcomes")]
    public void A_refused_file_gives_its_own_error_and_the_kinds_after_it_write_nothing_and_say_nothing(string brokenKind)
    {
        using var dir = new TempFolder();
        var files = Files(dir, brokenKind);
        using var overlapped = new Harness();
        var lines = new List<string>();
        var thrown = Assert.Throws<UserErrorException>(() => overlapped.Ingester.LoadAll(files, new Collect(lines), Refused));
        using var serial = new Harness();
        var expectedLines = new List<string>();
        var (_, error) = KindByKind(serial, files, expectedLines);

        Assert.NotNull(error);
        Assert.StartsWith($"{brokenKind} file ", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, thrown.Message);
        Assert.Equal(expectedLines, lines);
        Assert.Equal(serial.Snapshot(), overlapped.Snapshot());
        Assert.Equal(files.TakeWhile(f => f.Kind != brokenKind).Count(), overlapped.Count("SELECT count(*) FROM loads"));
    }

    [Fact]
    public void Two_broken_kinds_report_the_first_in_file_order()
    {
        using var dir = new TempFolder();
        var files = Files(dir, "centroids");
        // The outcomes file broken too: read ahead, its error must not win over the earlier kind's.
        File.WriteAllText(files[^1].Path, "nothing,useful\n1,2\n");
        using var h = new Harness();
        var thrown = Assert.Throws<UserErrorException>(() => h.Ingester.LoadAll(files, null, Refused));
        Assert.StartsWith("centroids file c.csv: ", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Count("SELECT count(*) FROM loads"));
    }
}
