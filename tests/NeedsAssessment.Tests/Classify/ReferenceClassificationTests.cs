using System.Globalization;
using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class ReferenceClassificationTests
{
    [Fact]
    public void EveryHomeOfficeCodeInTheReferenceFileClassifiesToItsDocumentedCategoryAndPenalty()
    {
        var reference = ReferenceRows("offence-codes.csv");
        Assert.True(reference.Count >= 90, $"expected the full code list, read {reference.Count} rows");
        using var store = NewStore();
        for (var i = 0; i < reference.Count; i++) Crime(store, i + 1, reference[i]["code"]);

        Classifier.Run(store);

        var mismatches = new List<string>();
        for (var i = 0; i < reference.Count; i++)
        {
            var expected = reference[i];
            var e = Event(store, "police_recorded_crime", i + 1);
            void Check(string what, object? actual, object? wanted)
            {
                if (!Equals(actual, wanted)) mismatches.Add($"{expected["code"]} {what}: sv_events {actual ?? "NULL"}, reference {wanted ?? "NULL"}");
            }
            Check("category", e["category"], expected["sv_category"]);
            Check("mapped", e["mapped"], true);
            Check("max_penalty_days", e["max_penalty_days"], expected["max_penalty_days"] == "" ? null : long.Parse(expected["max_penalty_days"], CultureInfo.InvariantCulture));
            Check("max_penalty_life", e["max_penalty_life"], expected["max_penalty_life"] == "true");
            Check("summary_only", e["summary_only"], expected["summary_only"] == "true");
            Check("cchi_days", e["cchi_days"], expected["cchi_days"] == "" ? null : double.Parse(expected["cchi_days"], CultureInfo.InvariantCulture));
            Check("severity_is_range", e["severity_is_range"], false);
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public void UnknownMaximumPenaltiesAreBlankNeverZeroAndEveryKnownOneIsDaysOrLife()
    {
        foreach (var r in ReferenceRows("offence-codes.csv"))
        {
            Assert.NotEqual("0", r["max_penalty_days"]);
            if (r["max_penalty_known"] == "false")
                Assert.True(r["max_penalty_days"] == "" && r["max_penalty_life"] == "false", $"{r["code"]}: unknown maximum must have blank days and life=false");
            else
                Assert.True(r["max_penalty_days"] != "" ^ r["max_penalty_life"] == "true", $"{r["code"]}: a known maximum is either days or life");
            Assert.Contains(r["penalty_confidence"], new[] { "confirmed", "recall", "unknown" });
        }
    }

    [Fact]
    public void CodesThatCoverSeveralOffencesTakeTheHighestMaximumAndSaySo()
    {
        var rows = ReferenceRows("offence-codes.csv").ToDictionary(r => r["code"]);
        // offence-max-penalties.csv: 8L s2 harassment 6 months, s4 10 years; 62A violent disorder 5 years, riot 10 years.
        Assert.Equal("3650", rows["8L"]["max_penalty_days"]);
        Assert.Equal("3650", rows["62A"]["max_penalty_days"]);
        Assert.Contains("highest", rows["8L"]["penalty_note"], StringComparison.Ordinal);
        Assert.Contains("highest", rows["62A"]["penalty_note"], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPoliceUkCrimeTypeIcd10CodeAndEdMethodClassifiesToItsDocumentedCategory()
    {
        var types = ReferenceRows("police-uk-crime-types.csv");
        var icd = ReferenceRows("icd10-assault-codes.csv");
        var methods = ReferenceRows("ed-assault-methods.csv");
        Assert.Equal(16, types.Count);
        Assert.Equal(25, icd.Count);
        using var store = NewStore();
        for (var i = 0; i < types.Count; i++) Street(store, i + 1, types[i]["crime_type"]);
        for (var i = 0; i < icd.Count; i++) Admission(store, i + 1, icd[i]["code"]);
        for (var i = 0; i < methods.Count; i++) Ed(store, i + 1, methods[i]["assault_method"]);

        Classifier.Run(store);

        var mismatches = new List<string>();
        void Check(string source, int row, Dictionary<string, string> expected, string key)
        {
            var e = Event(store, source, row);
            if (!Equals(e["category"], expected["sv_category"])) mismatches.Add($"{source} {expected[key]}: {e["category"]} != {expected["sv_category"]}");
        }
        for (var i = 0; i < types.Count; i++) Check("police_street", i + 1, types[i], "crime_type");
        for (var i = 0; i < icd.Count; i++) Check("health_admission", i + 1, icd[i], "code");
        for (var i = 0; i < methods.Count; i++) Check("health_ed_assault", i + 1, methods[i], "assault_method");
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("1", "life")]
    [InlineData("3B", "10y+")]
    [InlineData("8P", "5-<10y")]
    [InlineData("8N", "5-<10y")]
    [InlineData("10C", "2-<5y")]
    [InlineData("8S", "5-<10y")]   // assault with injury on a constable is ABH, s47: 5 years (was 2 years, the common-assault emergency-worker maximum)
    [InlineData("105A", "summary_only")]
    [InlineData("126", "summary_only")]
    [InlineData("88B", "unknown")]
    public void PenaltyTierFollowsTheStatutoryMaximum(string code, string tier)
    {
        using var store = NewStore();
        Crime(store, 1, code);
        Classifier.Run(store);
        Assert.Equal(tier, Event(store, "police_recorded_crime", 1)["penalty_tier"]);
    }

    [Fact]
    public void PoliceUkSeverityIsARangeOverTheLumpedOffencesNotASingleMaximum()
    {
        using var store = NewStore();
        Street(store, 1, "Violence and sexual offences");
        Street(store, 2, "Vehicle crime");
        var result = Classifier.Run(store);

        var vso = Event(store, "police_street", 1);
        Assert.Equal(true, vso["severity_is_range"]);
        Assert.Null(vso["max_penalty_days"]);
        Assert.Equal("unknown", vso["penalty_tier"]);
        Assert.Equal("range", vso["penalty_confidence"]);
        Assert.Equal(180L, vso["penalty_min_days"]);   // common assault, 105A: 6 months summary only
        Assert.Equal(true, vso["penalty_max_life"]);   // murder, rape
        var vehicle = Event(store, "police_street", 2);
        Assert.Equal(90L, vehicle["penalty_min_days"]);   // 126 interfering with a motor vehicle: 3 months
        Assert.Equal(2555L, vehicle["penalty_max_days"]); // theft of or from a vehicle: 7 years
        Assert.True(result.Sources.Single(s => s.Source == "police_street").SeverityIsRange);
    }

    [Theory]
    [InlineData("offence-codes")]
    [InlineData("police-uk-crime-types")]
    [InlineData("icd10-assault-codes")]
    [InlineData("ed-assault-methods")]
    public void EachReferenceCsvHasExactlyTheColumnsItsSchemaDescribesAndUniqueKeys(string file)
    {
        var folder = Path.Combine(RepoRoot(), "data-schemas", "reference");
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file + ".schema.json")));
        var fields = schema.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();
        var records = ReferenceData.ParseCsv(File.ReadAllText(Path.Combine(folder, file + ".csv")));
        Assert.Equal(fields, records[0]);
        Assert.All(records.Skip(1), r => Assert.Equal(fields.Count, r.Count));
        var keys = records.Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }
}
