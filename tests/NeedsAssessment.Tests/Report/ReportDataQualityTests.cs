using System.Net;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Report;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Report;

/// <summary>The data quality section's account of repeated police.uk rows, on a small police.uk file made here.</summary>
public sealed class ReportDataQualityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("na-dq-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static string Shared(string relative) => SharedData.File(relative).Replace('\\', '/');

    [Fact]
    public void The_report_counts_quarantined_exact_duplicates_and_crime_ids_repeated_with_other_content()
    {
        // York's rows of March 2024 as published, plus a planted exact repeat of a violent crime and the same Crime ID
        // as another violent crime with a different outcome.
        var lines = File.ReadAllLines(SharedData.File("police-uk/2024-03-north-yorkshire-street.csv"));
        var york = lines.Skip(1).Where(l => !l.Contains('"', StringComparison.Ordinal) && l.Split(',') is { Length: 12 } f && f[8].StartsWith("York ", StringComparison.Ordinal)).ToList();
        var violent = york.Where(l => l.Split(',')[9] == "Violence and sexual offences" && l.Split(',')[0].Length > 0).ToList();
        var reoutcome = violent[1].Split(',');
        reoutcome[10] = reoutcome[10] == "Awaiting court outcome" ? "Unable to prosecute suspect" : "Awaiting court outcome";
        var rows = york.Append(violent[0]).Append(string.Join(',', reoutcome)).ToList();
        var folder = Path.Combine(_root, "police");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "2024-03-york-street.csv"), [lines[0], .. rows]);

        // The recount: by Crime ID, a row equal to an earlier one is a duplicate; an ID with two different rows is repeated.
        var byId = rows.Where(l => l.Split(',')[0].Length > 0).GroupBy(l => l.Split(',')[0], StringComparer.Ordinal).ToList();
        var duplicates = byId.Sum(g => g.Count() - g.Distinct(StringComparer.Ordinal).Count());
        var repeated = byId.Count(g => g.Distinct(StringComparer.Ordinal).Count() > 1);
        Assert.True(duplicates >= 1 && repeated >= 1);

        var yaml = Path.Combine(_root, "a.yaml");
        File.WriteAllText(yaml, $"""
            partnership:
              name: Test CSP
              local_authorities: [E06000014]
            inputs:
              police-street: [{folder.Replace('\\', '/')}/]
              ward-lookup: [{Shared("geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv")}]
              population-total: [{Shared("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv")}]
            geography:
              levels: [ward, district, partnership]
            periods: [month]
            hotspots:
              methods: [gistar]
            output: {Path.Combine(_root, "out").Replace('\\', '/')}
            """);
        var run = AssessmentRunner.Run(AssessmentFile.Load(yaml));

        using (var store = AssessmentStore.Open(run.StorePath, readOnly: true))
        {
            Assert.Equal(duplicates, Convert.ToInt64(store.Scalar("SELECT count(*) FROM quarantine WHERE rule = 'duplicate'"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(repeated, Convert.ToInt64(store.Scalar("SELECT CAST(sum(repeated_keys) AS BIGINT) FROM loads WHERE kind = 'police-street'"), System.Globalization.CultureInfo.InvariantCulture));
        }
        var html = WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(run.OutputFolder, AssessmentReport.FileName)));
        var data = html[html.IndexOf("<section id=\"data\">", StringComparison.Ordinal)..];
        Assert.Contains($"In data.police.uk street-level crime, {duplicates:N0} rows that repeat an earlier row exactly were set aside as duplicates", data, StringComparison.Ordinal);
        Assert.Contains($"In data.police.uk street-level crime, {repeated:N0} record identifiers appear more than once with different content", data, StringComparison.Ordinal);
    }
}
