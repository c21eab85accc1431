using System.Globalization;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Indicators;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// Issue 15's done-when: a partnership of a few LSOAs, with the national reference files as ONS, Nomis and the Home
/// Office publish them, gets rates, districts and benchmarks for its own areas only, and an England and Wales
/// comparison. Every expected figure is summed here from the published files' own lines.
/// </summary>
public sealed class NationalBenchmarkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("na-national-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    // Census LSOA names hold quoted commas ("Bristol, City of 001A").
    private static IEnumerable<string[]> CsvRows(string path)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(path) { TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        parser.ReadFields();
        while (parser.ReadFields() is { } fields) yield return fields;
    }

    private static string Shared(string relative) => SharedData.File(relative).Replace('\\', '/');

    [Fact]
    public void A_partnership_of_a_few_lsoas_with_national_reference_files_gets_rates_districts_and_benchmarks_for_its_own_areas_and_an_England_and_Wales_comparison()
    {
        // The partnership: a 1.2 km square in York, given as a boundary file in British National Grid metres.
        var wards = NeedsAssessment.Tests.Store.NationalReferenceFixture.WardLookupRows().ToDictionary(f => f[0], f => (Ward: f[3], Lad: f[6]), StringComparer.Ordinal);
        var centroids = File.ReadLines(SharedData.File("geography/LSOA_Dec_2021_PWC_EW.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Code: f[1], X: double.Parse(f[3], CultureInfo.InvariantCulture), Y: double.Parse(f[4], CultureInfo.InvariantCulture))).ToList();
        var centre = centroids.First(c => c.Code == "E01013348"); // York city centre (York 013C, Guildhall)
        double x0 = centre.X - 600, x1 = centre.X + 600, y0 = centre.Y - 600, y1 = centre.Y + 600;
        var lsoas = centroids.Where(c => c.X > x0 && c.X < x1 && c.Y > y0 && c.Y < y1).Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(lsoas.Count, 3, 30);
        string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"[{x}, {y}]");
        var boundary = Path.Combine(_root, "centre.geojson");
        File.WriteAllText(boundary, $$$"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
             "features": [{"type": "Feature", "properties": {"name": "York centre"}, "geometry": {"type": "Polygon",
               "coordinates": [[{{{P(x0, y0)}}}, {{{P(x1, y0)}}}, {{{P(x1, y1)}}}, {{{P(x0, y1)}}}, {{{P(x0, y0)}}}]]}}]}
            """);

        var ts001 = CsvRows(SharedData.File("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv"))
            .ToDictionary(f => f[2], f => long.Parse(f[3], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        double residents = lsoas.Sum(l => ts001[l]);
        double englandAndWales = ts001.Values.Sum();
        double forceArea = ts001.Where(p => wards.TryGetValue(p.Key, out var w) && w.Lad is "E06000014" or "E06000065").Sum(p => p.Value);

        var yaml = Path.Combine(_root, "a.yaml");
        File.WriteAllText(yaml, $"""
            partnership:
              name: York Centre CSP
              boundary: {boundary.Replace('\\', '/')}
            inputs:
              police-street: [{Shared("police-uk/2024-01-north-yorkshire-street.csv")}, {Shared("police-uk/2024-02-north-yorkshire-street.csv")}, {Shared("police-uk/2024-03-north-yorkshire-street.csv")}]
              lsoa-lookup: [{Shared("geography/LSOA11_LSOA21_LAD22_lookup_EW_v2.csv")}]
              ward-lookup: [{Shared("geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv")}]
              centroids: [{Shared("geography/LSOA_Dec_2021_PWC_EW.csv")}]
              population-total: [{Shared("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv")}]
              home-office-offence-counts: [{Shared("home-office/prc-pfa-2019-20-offence-counts.csv")}]
            geography:
              levels: [lsoa, ward, district, partnership]
            periods: [quarter, financial_year]
            hotspots:
              methods: [gistar]
            output: {Path.Combine(_root, "out").Replace('\\', '/')}
            """);
        // What is checked (the area's LSOAs, the indicator values and their export) is written by the stages up to the
        // indicator export; the stages after it read those tables and change nothing checked here, so the run stops there.
        var run = AssessmentRunner.Run(AssessmentFile.Load(yaml), [Stages.Ingest, Stages.Area, Stages.Classify, Stages.Indicators, Stages.IndicatorExport]);

        using var store = AssessmentStore.Open(run.StorePath, readOnly: true);
        Assert.Equal(lsoas, AreaHierarchy.Read(store).Select(a => a.Lsoa21Code));

        // Rates and districts for its own areas only.
        var rows = store.Query("""
            SELECT indicator_id, level, area_code, period_type, count, denominator, value, benchmark_value, comparison95 FROM indicator_values
            """, r => (Id: r.GetString(0), Level: r.GetString(1), Code: r.GetString(2), Period: r.GetString(3), Count: r.IsDBNull(4) ? (long?)null : r.GetInt64(4),
                Den: r.IsDBNull(5) ? (double?)null : r.GetDouble(5), Value: r.IsDBNull(6) ? (double?)null : r.GetDouble(6),
                Bench: r.IsDBNull(7) ? (double?)null : r.GetDouble(7), Cmp: r.GetString(8)));
        Assert.Equal(lsoas, rows.Where(r => r.Level == "lsoa").Select(r => r.Code).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(lsoas.Select(l => wards[l].Ward).Distinct().Order(StringComparer.Ordinal), rows.Where(r => r.Level == "ward").Select(r => r.Code).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["E06000014"], rows.Where(r => r.Level == "district").Select(r => r.Code).Distinct());
        var svQuarter = rows.Single(r => r.Id == "sv_rate" && r.Level == "partnership" && r.Period == "quarter");
        Assert.Equal(residents / 4, svQuarter.Den!.Value, 6);
        // Its own areas are compared with the partnership.
        Assert.All(rows.Where(r => r.Id == "sv_rate" && r.Level == "lsoa" && r.Period == "quarter"), r => Assert.Equal(svQuarter.Value, r.Bench));

        // England and Wales: the force area's offence-coded serious violence per 1,000 residents against England and Wales'.
        var ny = HomeOfficeIndicatorTests.Expected(f => f == "North Yorkshire").Where(x => x.Sv).Sum(x => x.N);
        var ew = HomeOfficeIndicatorTests.Expected(f => !NeedsAssessment.Indicators.IndicatorEngine.NonTerritorialForces.Contains(f)).Where(x => x.Sv).Sum(x => x.N);
        var rate = rows.Single(r => r.Id == "ho_sv_rate");
        Assert.Equal(("partnership", "financial_year"), (rate.Level, rate.Period));
        Assert.Equal((long)ny, rate.Count);
        Assert.Equal(forceArea, rate.Den!.Value, 6);
        Assert.Equal(ny / forceArea * 1000, rate.Value!.Value, 9);
        Assert.Equal(ew / englandAndWales * 1000, rate.Bench!.Value, 9);
        Assert.NotEqual("not compared", rate.Cmp);
        Assert.Contains(rows, r => r.Id == "ho_sv_share" && r.Bench is not null);

        // Published, with the denominator the rate uses.
        var csv = File.ReadAllText(Path.Combine(run.OutputFolder, "indicators", "indicator_values.csv"));
        Assert.Contains("ho_sv_rate", csv, StringComparison.Ordinal);
    }
}
