using System.Globalization;
using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Ingest;
using NeedsAssessment.Tests.Classify;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>The Home Office open data table through the indicator stage, against sums made here from the published CSV and the reference table.</summary>
public sealed class HomeOfficeIndicatorTests
{
    private const double Life = 10_950;

    /// <summary>(offences, penalty days or null, life?, penalty known?, in definition?) per row, for one force or for England and Wales.</summary>
    internal static List<(double N, double? Days, bool Life, bool Known, bool Sv, bool Police)> Expected(Func<string, bool> force)
    {
        var definition = SeriousViolenceDefinition.LoadDefault();
        var codes = ClassifyFixture.ReferenceRows("offence-codes.csv").ToDictionary(r => r["code"]);
        var rows = new List<(double, double?, bool, bool, bool, bool)>();
        foreach (var line in File.ReadLines(SharedData.File("home-office/prc-pfa-2019-20-offence-counts.csv")).Skip(1))
        {
            var c = SourceFile.SplitCsvLine(line, ',');
            if (!force(c[2])) continue;
            var n = double.Parse(c[7], CultureInfo.InvariantCulture);
            var police = c[4] != "Fraud offences";
            if (!codes.TryGetValue(c[6].Trim(), out var oc)) { rows.Add((n, null, false, false, false, police)); continue; }
            var sv = definition.Categories.Contains(oc["sv_category"]) && !definition.ExcludeCodes.Contains(oc["code"]);
            var known = oc["max_penalty_known"] == "true";
            var life = oc["max_penalty_life"] == "true";
            double? days = !known ? null : life ? Life : double.Parse(oc["max_penalty_days"], CultureInfo.InvariantCulture);
            rows.Add((n, days, life, known, sv, police));
        }
        return rows;
    }

    [Fact]
    public void The_force_table_gives_North_Yorkshires_offence_coded_severity_against_England_and_Wales()
    {
        using var store = ClassifyFixture.NewStore();
        store.Execute("""
            INSERT INTO geography (load_id, source_row, lsoa21_code, lsoa21_name, ward_code, ward_name, district_code, district_name, partnership_code, partnership_name)
            VALUES (7, 1, 'E01100004', 'York 1', 'E05000010', 'Ward', 'E06000014', 'York', 'E99000002', 'North Yorkshire CSP');
            INSERT INTO police_street (load_id, source_row, month, falls_within, lsoa_code, crime_type)
            VALUES (2, 1, DATE '2019-06-01', 'North Yorkshire Police', 'E01100004', 'Robbery');
            """);
        new Ingester(store).Load("home-office-offence-counts", SharedData.File("home-office/prc-pfa-2019-20-offence-counts.csv"));
        Classifier.Run(store);
        var messages = new List<string>();
        IndicatorEngine.Compute(store, new IndicatorOptions
        {
            IndicatorIds = ["ho_sv_share", "ho_sv_penalty_mean", "ho_sv_life_share"],
            Levels = [IndicatorLevels.Partnership],
            PeriodTypes = [PeriodTypes.FinancialYear],
            Announce = messages.Add,
        });
        Assert.Contains(messages, m => m.StartsWith("Home Office indicators: North Yorkshire police force area against England and Wales", StringComparison.Ordinal));

        var ny = Expected(f => f == "North Yorkshire");
        var ew = Expected(f => !IndicatorEngine.NonTerritorialForces.Contains(f));
        static double Mean(List<(double N, double? Days, bool Life, bool Known, bool Sv, bool Police)> rows)
        {
            var sv = rows.Where(r => r.Sv && r.Days is not null).ToList();
            return sv.Sum(r => r.N * r.Days!.Value) / sv.Sum(r => r.N);
        }
        static double Share(List<(double N, double? Days, bool Life, bool Known, bool Sv, bool Police)> rows) =>
            100 * rows.Where(r => r.Sv && r.Police).Sum(r => r.N) / rows.Where(r => r.Police).Sum(r => r.N);
        static double LifeShare(List<(double N, double? Days, bool Life, bool Known, bool Sv, bool Police)> rows) =>
            100 * rows.Where(r => r.Sv && r.Known && r.Life).Sum(r => r.N) / rows.Where(r => r.Sv && r.Known).Sum(r => r.N);

        var mean = IndicatorTestHelpers.One(store, "ho_sv_penalty_mean", IndicatorLevels.Partnership, "E99000002");
        Assert.Equal(new DateOnly(2019, 4, 1), mean.PeriodStart);
        IndicatorTestHelpers.Near(Mean(ny), mean.Value, 1e-6, "North Yorkshire mean maximum penalty");
        IndicatorTestHelpers.Near(Mean(ew), mean.BenchmarkValue, 1e-6, "England and Wales mean maximum penalty");
        Assert.Equal((long)Math.Round(ny.Where(r => r.Sv && r.Days is not null).Sum(r => r.N)), mean.Count);
        Assert.NotEqual("not compared", mean.Comparison95);

        var share = IndicatorTestHelpers.One(store, "ho_sv_share", IndicatorLevels.Partnership, "E99000002");
        IndicatorTestHelpers.Near(Share(ny), share.Value, 1e-3, "North Yorkshire serious violence share");
        IndicatorTestHelpers.Near(Share(ew), share.BenchmarkValue, 1e-3, "England and Wales serious violence share");
        var life = IndicatorTestHelpers.One(store, "ho_sv_life_share", IndicatorLevels.Partnership, "E99000002");
        IndicatorTestHelpers.Near(LifeShare(ny), life.Value, 1e-3, "North Yorkshire life-maximum share");
    }
}
