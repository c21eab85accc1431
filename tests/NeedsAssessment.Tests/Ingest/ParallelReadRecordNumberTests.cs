using System.Globalization;
using System.Text;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>Record numbers stay right when DuckDB reads a file in parallel.</summary>
public sealed class ParallelReadRecordNumberTests
{
    /// <summary>
    /// DuckDB turns a long <c>IN (...)</c> list (here the crime type enum) into a join that loses the reader's row
    /// order once a file is read by several threads; every record number was then wrong from about 100,000 rows on.
    /// Each row carries its own record number in Context, and every one must match the stored source_row, and the
    /// rejected rows must be quarantined under theirs.
    /// </summary>
    [Fact]
    public void EveryRecordKeepsItsOwnNumberInAFileLargeEnoughToBeReadInParallel()
    {
        using var h = new Harness();
        const int rows = 150_000;
        var sb = new StringBuilder("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
        string[] types = ["Robbery", "Burglary", "Violence and sexual offences", "Public order", "Drugs", "Shoplifting"];
        for (var r = 1; r <= rows; r++)
        {
            var month = r % 5000 == 0 ? "2024-13" : $"2024-{1 + r % 12:00}"; // every 5,000th record is rejected
            sb.Append(CultureInfo.InvariantCulture, $"{r:x64},{month},Force,Force,-1.{r % 1000:000},53.{r % 997:000},On or near Street,E0100{r % 9999:0000},Area 001A,{types[r % types.Length]},Under investigation,{r}\n");
        }
        var result = h.Load("police-street", "large.csv", sb.ToString());
        Assert.Equal((rows, rows - rows / 5000L, rows / 5000L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(0, h.Count("SELECT count(*) FROM police_street WHERE source_row <> CAST(context AS BIGINT)"));
        Assert.Equal(Enumerable.Range(1, rows / 5000).Select(k => k * 5000L).ToList(),
            h.Store.Query("SELECT DISTINCT source_row FROM quarantine ORDER BY 1", r => r.GetInt64(0)));
    }
}
