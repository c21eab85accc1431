using System.Globalization;
using System.Net;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Geography;
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
        var raw = File.ReadAllText(Path.Combine(run.OutputFolder, AssessmentReport.FileName));
        using (var store = AssessmentStore.Open(run.StorePath, readOnly: true))
        {
            // No outcomes files: the justice section shows the street files' last outcome categories and says so, every number traced.
            Assert.Empty(ReportTrace.Untraced(raw, store, out _));
            Assert.True(ReportTrace.Numbers(raw).Count(n => n.Section == "justice") > 5);
        }
        var html = WebUtility.HtmlDecode(raw);
        Assert.Contains("No police.uk outcomes files were loaded (kind police-outcomes): outcomes are the street files' last outcome category", html, StringComparison.Ordinal);
        var data = html[html.IndexOf("<section id=\"data\">", StringComparison.Ordinal)..];
        Assert.Contains($"In data.police.uk street-level crime, {duplicates:N0} rows that repeat an earlier row exactly were set aside as duplicates", data, StringComparison.Ordinal);
        Assert.Contains($"In data.police.uk street-level crime, {repeated:N0} record identifiers appear more than once with different content", data, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_and_search_records_are_placed_at_the_nearest_national_centroid_and_counted_by_placement_in_data_quality_and_the_weapons_rate()
    {
        // Searches at York's own police.uk snap points, at Greater Manchester's, one in the Irish Sea, and some without a location.
        var york = File.ReadAllLines(SharedData.File("police-uk/2024-03-north-yorkshire-street.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f.Length == 12 && f[8].StartsWith("York ", StringComparison.Ordinal) && f[4].Length > 0)
            .Select(f => (Lat: f[5], Lon: f[4])).Distinct().Take(12).ToList();
        var gm = File.ReadAllLines(SharedData.File("police-uk-stop-search/2019-06-greater-manchester-stop-and-search.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[4].Length > 0).Select(f => (Lat: f[4], Lon: f[5])).Distinct().Take(8).ToList();
        var points = york.Concat(gm).Concat(Enumerable.Repeat((Lat: "53.900000", Lon: "-4.000000"), 8)).Concat(Enumerable.Repeat((Lat: "", Lon: ""), 8)).ToList();
        var searches = points.Select((p, i) => (p.Lat, p.Lon, Weapons: i % 2 == 0, Found: i % 4 == 0)).ToList();
        var folder = Path.Combine(_root, "police");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "2024-03-york-street.csv"), File.ReadAllLines(SharedData.File("police-uk/2024-03-north-yorkshire-street.csv")));
        File.WriteAllLines(Path.Combine(folder, "2024-03-test-stop-and-search.csv"),
            ["Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing",
             .. searches.Select((s, i) => $"Person search,2024-03-{1 + (i % 28):00}T12:00:00+00:00,False,,{s.Lat},{s.Lon},Male,18-24,,,Police and Criminal Evidence Act 1984 (section 1),{(s.Weapons ? "Offensive weapons" : "Controlled drugs")},{(s.Found ? "Arrest" : "A no further action disposal")},{(s.Found ? "True" : "")},False")]);

        // The recount: each point's nearest population-weighted centroid among all of England and Wales, by brute force;
        // York's LSOAs from the ward lookup; York's residents from the Census file.
        var centroids = File.ReadAllLines(SharedData.File("geography/LSOA_Dec_2021_PWC_EW.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Code: f[1], X: double.Parse(f[3], CultureInfo.InvariantCulture), Y: double.Parse(f[4], CultureInfo.InvariantCulture))).ToList();
        var inYork = File.ReadAllLines(SharedData.File("geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[6] == "E06000014").Select(f => f[0]).ToHashSet(StringComparer.Ordinal);
        var residents = File.ReadLines(SharedData.File("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => inYork.Contains(f[2].Trim('"'))).Sum(f => double.Parse(f[3].Trim('"'), CultureInfo.InvariantCulture));
        string How((string Lat, string Lon, bool Weapons, bool Found) s)
        {
            if (s.Lat.Length == 0) return "no location";
            var (x, y) = BritishNationalGrid.FromLonLat(double.Parse(s.Lon, CultureInfo.InvariantCulture), double.Parse(s.Lat, CultureInfo.InvariantCulture));
            var nearest = centroids.MinBy(c => ((c.X - x) * (c.X - x)) + ((c.Y - y) * (c.Y - y)));
            if (Math.Sqrt(((nearest.X - x) * (nearest.X - x)) + ((nearest.Y - y) * (nearest.Y - y))) > 5000) return "not placed";
            return inYork.Contains(nearest.Code) ? "in the area, nearest centroid" : "outside the area";
        }
        var expected = searches.GroupBy(How).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(4, expected.Count);

        var yaml = Path.Combine(_root, "a.yaml");
        File.WriteAllText(yaml, $"""
            partnership:
              name: Test CSP
              local_authorities: [E06000014]
            inputs:
              police-street: [{Path.Combine(folder, "2024-03-york-street.csv").Replace('\\', '/')}]
              police-stop-search: [{Path.Combine(folder, "2024-03-test-stop-and-search.csv").Replace('\\', '/')}]
              ward-lookup: [{Shared("geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv")}]
              centroids: [{Shared("geography/LSOA_Dec_2021_PWC_EW.csv")}]
              population-total: [{Shared("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv")}]
            geography:
              levels: [district, partnership]
            periods: [month]
            suppression: none
            hotspots:
              methods: [gistar]
            output: {Path.Combine(_root, "out").Replace('\\', '/')}
            """);
        var run = AssessmentRunner.Run(AssessmentFile.Load(yaml));

        using var store = AssessmentStore.Open(run.StorePath, readOnly: true);
        var placed = DescriptiveResults.Read(store).Unplaced.Where(u => u.Problem == DescriptiveStage.StopSearchProblem).ToDictionary(u => u.Code, u => u.Records);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), placed.Select(kv => KeyValuePair.Create(kv.Key, kv.Value!.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal));

        var weapons = searches.Count(s => s.Weapons && How(s) == "in the area, nearest centroid");
        var found = searches.Count(s => s.Weapons && s.Found && How(s) == "in the area, nearest centroid");
        var rate = store.Query("SELECT count, denominator, value FROM indicator_values WHERE indicator_id = 'weapons_search_rate' AND level = 'partnership' AND period_type = 'month' AND period_start = DATE '2024-03-01'",
            r => (Count: r.GetInt64(0), Den: r.GetDouble(1), Value: r.GetDouble(2))).Single();
        Assert.Equal(weapons, rate.Count);
        Assert.Equal(residents / 12, rate.Den, 6);
        Assert.Equal(weapons / (residents / 12) * 1000, rate.Value, 9);
        var share = store.Query("SELECT count, denominator FROM indicator_values WHERE indicator_id = 'weapons_search_find_share' AND level = 'partnership' AND period_type = 'month' AND period_start = DATE '2024-03-01'",
            r => (Count: r.GetInt64(0), Den: r.GetDouble(1))).Single();
        Assert.Equal((found, (double)weapons), (share.Count, share.Den));

        var raw = File.ReadAllText(Path.Combine(run.OutputFolder, AssessmentReport.FileName));
        Assert.Contains("Stop and search records placed in neighbourhoods", raw, StringComparison.Ordinal);
        Assert.Empty(ReportTrace.Untraced(raw, store, out _));
    }
}
