using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>
/// A folder of police.uk months read in one pass loads exactly as the months loaded one at a time: the same load ids,
/// record numbers, rows, quarantine reasons and notes, on the real published files.
/// </summary>
public sealed class BatchLoadTests
{
    private static readonly string[] Months = ["2024-01", "2024-02", "2024-03", "2024-04"];

    /// <summary>The real months, the second with a repeated record and a record whose month is impossible appended.</summary>
    private static List<string> Files(TempFolder dir, Func<string, string, string>? change = null)
    {
        var files = new List<string>();
        foreach (var m in Months)
        {
            var text = File.ReadAllText(SharedData.File($"police-uk/{m}-north-yorkshire-street.csv"));
            if (m == "2024-02")
            {
                // police.uk files end their lines with CRLF; the appended records do too.
                var firstRecord = text.Split("\r\n")[1];
                text = text.TrimEnd('\n', '\r') + "\r\n" + firstRecord + "\r\n" + firstRecord.Replace(",2024-02,", ",2024-13,", StringComparison.Ordinal) + "\r\n";
            }
            files.Add(dir.File($"{m}-north-yorkshire-street.csv", change is null ? text : change(m, text)));
        }
        return files;
    }

    private static (string Snapshot, List<string> Results, List<string> Progress) Batched(List<string> paths)
    {
        using var h = new Harness();
        var progress = new List<string>();
        var results = h.Ingester.LoadAll([.. paths.Select(p => new LoadRequest("police-street", p))], new Collect(progress));
        return (h.Snapshot(), results.Select(Describe).ToList(), progress);
    }

    private static (string Snapshot, List<string> Results) OneByOne(List<string> paths)
    {
        using var h = new Harness();
        var results = paths.Select(p => h.Ingester.Load("police-street", p)).ToList();
        return (h.Snapshot(), results.Select(Describe).ToList());
    }

    private static string Describe(LoadResult r) =>
        string.Join("|", r.LoadId, r.Kind, Path.GetFileName(r.FilePath), r.Sha256, r.RowsRead, r.RowsLoaded, r.RowsQuarantined, r.Status, r.RepeatedKeys,
            string.Join(" ", r.Notes), string.Join(";", r.Issues.Select(i => $"{i.Record}/{i.Line}/{i.Column}/{i.Rule}/{i.Message}")), r.PeriodStart, r.PeriodEnd);

    private sealed class Collect(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }

    [Fact]
    public void Real_months_read_in_one_pass_give_the_same_store_and_results_as_loading_them_one_at_a_time()
    {
        using var dir = new TempFolder();
        var paths = Files(dir);
        var (snapshot, results, progress) = Batched(paths);
        var (expected, expectedResults) = OneByOne(paths);
        Assert.Contains(progress, p => p.Contains("read in one pass with 3 other file(s)", StringComparison.Ordinal));
        Assert.Equal(expectedResults, results);
        Assert.Equal(expected, snapshot);
        // The appended records are found in the batch too: one repeated record and one impossible month.
        Assert.Contains("duplicate row of record 1", snapshot, StringComparison.Ordinal);
        Assert.Contains("2024-13", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_in_one_month_sends_the_months_through_the_single_file_path_with_the_same_result()
    {
        using var dir = new TempFolder();
        // A record with an extra field is malformed: its record number shifts the ones after it, which the single-file path handles.
        var paths = Files(dir, (m, text) => m == "2024-03" ? text.Insert(text.IndexOf('\n', StringComparison.Ordinal) + 1, "a,b,c,d,e,f,g,h,i,j,k,l,m,n\r\n") : text);
        var (snapshot, results, _) = Batched(paths);
        var (expected, expectedResults) = OneByOne(paths);
        Assert.Equal(expectedResults, results);
        Assert.Equal(expected, snapshot);
        Assert.Contains(results, r => r.Contains("malformed-row", StringComparison.Ordinal));
    }

    [Fact]
    public void A_month_already_loaded_is_reported_as_already_loaded_and_the_others_still_load_in_order()
    {
        using var dir = new TempFolder();
        var paths = Files(dir);
        using var h = new Harness();
        var earlier = h.Ingester.Load("police-street", paths[1]);
        var results = h.Ingester.LoadAll([.. paths.Select(p => new LoadRequest("police-street", p))]);
        Assert.Equal(LoadStatus.AlreadyLoaded, results[1].Status);
        Assert.Equal(earlier.LoadId, results[1].LoadId);
        Assert.All(results.Where((_, i) => i != 1), r => Assert.Equal(LoadStatus.Loaded, r.Status));
        Assert.Equal(results.Sum(r => r.RowsLoaded), h.Rows("police-street"));
        Assert.Equal(new[] { earlier.LoadId + 1, earlier.LoadId + 2, earlier.LoadId + 3 }, results.Where((_, i) => i != 1).Select(r => r.LoadId));
    }
}
