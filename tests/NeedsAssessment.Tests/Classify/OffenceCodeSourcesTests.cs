using System.Globalization;
using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

/// <summary>
/// The penalty and harm-weight columns of offence-codes.csv carry their sources: every maximum names the provision and
/// where it was checked, and css_weight is the ONS Crime Severity Score weight of the same code.
/// </summary>
public class OffenceCodeSourcesTests
{
    private const string OnsFile = "ons-crime-severity-weights-by-offence-code.csv";

    [Fact]
    public void EveryCodeWithAMaximumPenaltyNamesTheProvisionAndWhereItWasChecked()
    {
        var missing = ReferenceRows("offence-codes.csv")
            .Where(r => r["max_penalty_known"] == "true" && (r["penalty_provision"].Length == 0 || r["penalty_source"].Length == 0))
            .Select(r => r["code"]).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void RecallIsLeftOnlyWhereNoSourceWasFoundOrTheNoteSaysWhatIsUnconfirmed()
    {
        foreach (var r in ReferenceRows("offence-codes.csv"))
        {
            var unsourced = r["penalty_source"].Contains("no source found", StringComparison.Ordinal);
            if (r["penalty_confidence"] == "confirmed")
                Assert.False(unsourced || r["penalty_source"].Contains("engineer recall", StringComparison.Ordinal), $"{r["code"]} is confirmed but names no source");
            if (r["penalty_confidence"] == "recall")
                Assert.True(unsourced || r["penalty_note"].Length > 0, $"{r["code"]} is recall with a source but no note saying what is unconfirmed");
        }
    }

    [Fact]
    public void MaximaChangedSinceTheyWereEnactedGiveTheVersionInForceAndItsDate()
    {
        var rows = ReferenceRows("offence-codes.csv").ToDictionary(r => r["code"]);
        // PCSC Act 2022, in force 28 June 2022: s86 (death by dangerous driving, careless driving under the influence: life),
        // s123 (causing or allowing the death of a child: life), Tony's Law (child cruelty: 14 years), s2 (emergency workers: 2 years).
        foreach (var code in new[] { "4.4", "4.6", "4.7" })
        {
            Assert.Equal("true", rows[code]["max_penalty_life"]);
            Assert.Equal("2022-06-28", rows[code]["penalty_in_force_from"]);
        }
        Assert.Equal(("5110", "2022-06-28"), (rows["11A"]["max_penalty_days"], rows["11A"]["penalty_in_force_from"]));
        Assert.Equal(("730", "2022-06-28"), (rows["104"]["max_penalty_days"], rows["104"]["penalty_in_force_from"]));
        // Policing and Crime Act 2017 s175, 3 April 2017: s4 and s4A PHA 1997 to 10 years, aggravated s32 CDA 1998 to 14.
        Assert.Equal(("3650", "2017-04-03"), (rows["8Q"]["max_penalty_days"], rows["8Q"]["penalty_in_force_from"]));
        Assert.Equal(("5110", "2017-04-03"), (rows["8M"]["max_penalty_days"], rows["8M"]["penalty_in_force_from"]));
        // Summary-only offences carry their magistrates' maximum; a fine-only offence has no days.
        Assert.Equal(("180", "true"), (rows["105A"]["max_penalty_days"], rows["105A"]["summary_only"]));
        Assert.Equal(("", "false"), (rows["4.10"]["max_penalty_days"], rows["4.10"]["max_penalty_known"]));
    }

    [Fact]
    public void EveryWeightNamesItsSourceAndEditionAndNoCodeIsWeightedWithoutOne()
    {
        foreach (var r in ReferenceRows("offence-codes.csv"))
        {
            if (r["css_weight"].Length == 0) continue;
            Assert.True(double.Parse(r["css_weight"], CultureInfo.InvariantCulture) > 0, r["code"]);
            Assert.Contains("ONS Crime Severity Score", r["css_source"], StringComparison.Ordinal);
            Assert.NotEqual("", r["css_edition"]);
        }
        var weighted = ReferenceRows("offence-codes.csv").Count(r => r["css_weight"].Length > 0);
        Assert.True(weighted >= 130, $"only {weighted} codes carry an ONS weight");
    }

    [Theory]
    // Figures the data README quotes from the ONS list, rounded as published there.
    [InlineData("8N", 189.15)]
    [InlineData("105A", 13.51)]
    [InlineData("1", 7973.39)]
    public void WeightsAgreeWithThePublishedExamples(string code, double weight)
    {
        var row = ReferenceRows("offence-codes.csv").Single(r => r["code"] == code);
        Assert.Equal(weight, Math.Round(double.Parse(row["css_weight"], CultureInfo.InvariantCulture), 2));
    }

    [Fact]
    public void CodesAreMatchedAsWrittenSo410IsNot41AndTheHomicideGroupSharesOneWeight()
    {
        var rows = ReferenceRows("offence-codes.csv").ToDictionary(r => r["code"]);
        Assert.Contains("4.1", rows.Keys);
        Assert.Contains("4.10", rows.Keys);
        Assert.Equal("Corporate manslaughter", rows["4.10"]["description"]);
        // ONS_SEVERITY_code writes the homicide group as "1, 4.1/2/10"; each of its counting codes carries that weight.
        Assert.Single(new[] { "1", "4.1", "4.2", "4.10" }.Select(c => rows[c]["css_weight"]).Distinct());
        Assert.Equal("1, 4.1/2/10", rows["4.10"]["ons_severity_code"]);
        Assert.Equal("28C", rows["28A"]["ons_severity_code"]);
    }

    [Fact]
    public void CssWeightsAreTheOnsWeightsCodeForCodeWhereTheSharedOnsFileIsPresent()
    {
        var path = Path.Combine(RepoRoot(), "..", "shared", "data", "reference-weights", OnsFile);
        if (!File.Exists(path)) return; // the real file is shared data, not part of the repository; CI has it at ../shared
        var records = ReferenceData.ParseCsv(File.ReadAllText(path));
        var header = records[0];
        int Col(string name) => header.IndexOf(name);
        var (countsCode, weightCol) = (Col("ONS_COUNTS_code"), Col("ONS_SEVERITY_weight"));
        var ons = records.Skip(1).Where(r => r.Count == header.Count)
            .GroupBy(r => r[countsCode].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => double.Parse(g.First()[weightCol], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var reference = ReferenceRows("offence-codes.csv").ToDictionary(r => r["code"], StringComparer.Ordinal);

        // Every counting code the ONS list weights is in the reference, except its all-homicide total row.
        Assert.DoesNotContain(ons.Keys, c => c != "1/4.1/4.10/4.2" && !reference.ContainsKey(c));
        var wrong = new List<string>();
        foreach (var (code, row) in reference)
        {
            var has = ons.TryGetValue(code, out var w);
            if (has != (row["css_weight"].Length > 0)) wrong.Add($"{code}: ONS has {(has ? w.ToString(CultureInfo.InvariantCulture) : "no weight")}, reference '{row["css_weight"]}'");
            else if (has && Math.Abs(double.Parse(row["css_weight"], CultureInfo.InvariantCulture) - w) > 1e-9) wrong.Add($"{code}: {row["css_weight"]} != {w}");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void PoliceUkSeverityRangesAreTheRangesOfTheOffenceCodesTheyLump()
    {
        var codes = ReferenceRows("offence-codes.csv").ToDictionary(r => r["code"], StringComparer.Ordinal);
        var types = ReferenceRows("police-uk-crime-types.csv");
        var mismatches = new List<string>();
        foreach (var t in types)
        {
            var lumped = t["ho_codes"].Length == 0 ? [] : t["ho_codes"].Split('|');
            mismatches.AddRange(lumped.Where(c => !codes.ContainsKey(c)).Select(c => $"{t["crime_type"]}: unknown code {c}"));
            var known = lumped.Where(codes.ContainsKey).Select(c => codes[c]).Where(c => c["max_penalty_known"] == "true").ToList();
            var days = known.Where(c => c["max_penalty_life"] != "true").Select(c => long.Parse(c["max_penalty_days"], CultureInfo.InvariantCulture)).ToList();
            var anyLife = known.Any(c => c["max_penalty_life"] == "true");
            var cchi = lumped.Where(codes.ContainsKey).Select(c => codes[c]["cchi_days"]).Where(v => v.Length > 0)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
            void Check(string column, string expected)
            {
                if (t[column] != expected) mismatches.Add($"{t["crime_type"]} {column}: '{t[column]}', offence codes give '{expected}'");
            }
            Check("penalty_min_days", days.Count > 0 ? days.Min().ToString(CultureInfo.InvariantCulture) : "");
            Check("penalty_min_life", known.Count > 0 && days.Count == 0 ? "true" : "false");
            Check("penalty_max_days", days.Count > 0 && !anyLife ? days.Max().ToString(CultureInfo.InvariantCulture) : "");
            Check("penalty_max_life", anyLife ? "true" : "false");
            Check("penalty_unknown_codes", (lumped.Length - known.Count).ToString(CultureInfo.InvariantCulture));
            Check("cchi_min_days", cchi.Count > 0 ? cchi.Min().ToString(CultureInfo.InvariantCulture) : "");
            Check("cchi_max_days", cchi.Count > 0 ? cchi.Max().ToString(CultureInfo.InvariantCulture) : "");
        }
        // Each Home Office code sits in exactly one current police.uk type (99T, the local terrorism placeholder, in none).
        var current = types.Where(t => t["current"] == "true").SelectMany(t => t["ho_codes"].Split('|', StringSplitOptions.RemoveEmptyEntries)).ToList();
        mismatches.AddRange(current.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => $"{g.Key} is in {g.Count()} crime types"));
        mismatches.AddRange(codes.Keys.Where(c => c != "99T" && !current.Contains(c)).Select(c => $"{c} is in no current crime type"));
        Assert.Empty(mismatches);
    }

    [Fact]
    public void ClassificationListsTheRecallCodesWithTheRecordsThatCarryThem()
    {
        using var store = NewStore();
        // 5E stays recall: which offences the code covers is unconfirmed (see its penalty_note).
        Crime(store, 1, "5E");
        Crime(store, 2, "5E");
        Crime(store, 3, "8N");
        Classifier.Run(store);

        var recall = ReferenceRows("offence-codes.csv").Where(r => r["penalty_confidence"] == "recall").Select(r => r["code"]).Order(StringComparer.Ordinal).ToList();
        var listed = store.Query("SELECT code FROM sv_penalty_recall", r => r.GetString(0)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(recall, listed);
        Assert.Equal(2, Count(store, "SELECT records FROM sv_penalty_recall WHERE code = '5E'"));
        Assert.Equal(0, Count(store, "SELECT count(*) FROM sv_penalty_recall WHERE code = '8N'"));
        Assert.Equal(0, Count(store, "SELECT count(*) FROM sv_penalty_recall WHERE code = '13'"));
        Assert.Equal(0, Count(store, "SELECT records FROM sv_penalty_recall WHERE code = '33'"));
    }
}
