using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class LsoaMappingTests
{
    private static NeedsAssessment.Store.AssessmentStore Fixture()
    {
        var store = NewStore();
        Lookup(store, "E01000001", "E01100001");          // 2011 -> one 2021 code
        Lookup(store, "E01000002", "E01100002", "S");     // 2011 split into two 2021 codes
        Lookup(store, "E01000002", "E01100003", "S");
        Lookup(store, "E01100004", "E01100004");          // unchanged: the same code in both columns
        Street(store, 1, "Robbery", lsoa: "E01000001");
        Street(store, 2, "Robbery", lsoa: "E01000002");
        Street(store, 3, "Robbery", lsoa: "E01100004");
        Street(store, 4, "Robbery", lsoa: "E01999999");
        Crime(store, 5, "8N", lsoa: "E01999999");
        Street(store, 6, "Robbery", lsoa: null, lon: null, lat: null);
        return store;
    }

    [Fact]
    public void A2011CodeIsMappedThroughTheLookupTo2021()
    {
        using var store = Fixture();
        Classifier.Run(store);
        var e = Event(store, "police_street", 1);
        Assert.Equal("mapped_2011", e["lsoa_status"]);
        Assert.Equal("E01100001", e["lsoa21_code"]);
        Assert.Equal("E01000001", e["lsoa_code_given"]);
        Assert.Equal(false, e["lsoa_split"]);
        var unchanged = Event(store, "police_street", 3);
        Assert.Equal("given_2021", unchanged["lsoa_status"]);
        Assert.Equal("E01100004", unchanged["lsoa21_code"]);
    }

    [Fact]
    public void ASplit2011CodeIsFlaggedAndApportionedEquallyAcrossIts2021Codes()
    {
        using var store = Fixture();
        var result = Classifier.Run(store);
        var e = Event(store, "police_street", 2);
        Assert.Equal("split_2011", e["lsoa_status"]);
        Assert.Equal(true, e["lsoa_split"]);
        Assert.Equal(2L, e["lsoa_candidates"]);
        Assert.Equal(1, result.Lsoa.Split2011);
        var shares = store.Query($"SELECT lsoa21_code, weight FROM sv_event_lsoa WHERE event_id = '{e["event_id"]}' ORDER BY lsoa21_code",
            r => (r.GetString(0), r.GetDouble(1)));
        Assert.Equal([("E01100002", 0.5), ("E01100003", 0.5)], shares);
        // Every event with a 2021 code keeps a total weight of exactly 1, so apportioned counts add up.
        Assert.Equal(0, Count(store, "SELECT count(*) FROM (SELECT event_id, sum(weight) w FROM sv_event_lsoa GROUP BY event_id) WHERE abs(w - 1) > 1e-12"));
    }

    [Fact]
    public void ACodeThatIsBothA2021CodeAndASplit2011CodeIsTakenAsGiven2021()
    {
        using var store = NewStore();
        // The 2011 area kept its code for one of its two 2021 parts: the code is a valid 2021 code as given.
        Lookup(store, "E01000009", "E01000009", "S");
        Lookup(store, "E01000009", "E01100009", "S");
        Street(store, 1, "Robbery", lsoa: "E01000009");
        Classifier.Run(store);
        var e = Event(store, "police_street", 1);
        Assert.Equal("given_2021", e["lsoa_status"]);
        Assert.Equal("E01000009", e["lsoa21_code"]);
        Assert.Equal(false, e["lsoa_split"]);
        Assert.Equal(1L, e["lsoa_candidates"]);
        Assert.Equal(1, Count(store, "SELECT count(*) FROM sv_event_lsoa"));
    }

    [Fact]
    public void AnLsoaCodeInNeitherLookupColumnIsKeptWithoutA2021CodeAndCountedPerCode()
    {
        using var store = Fixture();
        var result = Classifier.Run(store);
        Assert.Equal(
            [new UnmatchedLsoa("police_recorded_crime", "E01999999", 1), new UnmatchedLsoa("police_street", "E01999999", 1)],
            result.UnmatchedLsoas);
        Assert.Equal(new LsoaMappingOutcome(Given2021: 1, Mapped2011: 1, Split2011: 1, Unmatched: 2, Missing: 1, Unchecked: 0), result.Lsoa);
        var e = Event(store, "police_street", 4);
        Assert.Equal("unmatched", e["lsoa_status"]);
        Assert.Null(e["lsoa21_code"]);
        Assert.Equal(true, e["in_definition"]);
        Assert.Equal(6, result.Events);
    }

    [Fact]
    public void WithoutAnyLookupRowsCodesAreTakenAsGivenAndMarkedUnchecked()
    {
        using var store = NewStore();
        Crime(store, 1, "8N", lsoa: "E01000001");
        var result = Classifier.Run(store);
        var e = Event(store, "police_recorded_crime", 1);
        Assert.Equal("unchecked_no_lookup", e["lsoa_status"]);
        Assert.Equal("E01000001", e["lsoa21_code"]);
        Assert.Equal(1, result.Lsoa.Unchecked);
    }

    [Fact]
    public void A2021CodeMissingFromABestFitLookupIsRecognisedFromTheCentroidsTable()
    {
        // ONS's best-fit lookup lists each 2011 code once, so 2021 codes created by splits are absent from it.
        using var store = NewStore();
        Lookup(store, "E01000001", "E01100001");
        store.Execute("INSERT INTO centroids (load_id, source_row, lsoa21_code, x, y) VALUES (8, 1, 'E01035555', 460000, 452000)");
        Street(store, 1, "Robbery", lsoa: "E01035555");
        Street(store, 2, "Robbery", lsoa: "E01035556");
        var result = Classifier.Run(store);
        Assert.Equal("given_2021", Event(store, "police_street", 1)["lsoa_status"]);
        Assert.Equal("E01035555", Event(store, "police_street", 1)["lsoa21_code"]);
        Assert.Equal([new UnmatchedLsoa("police_street", "E01035556", 1)], result.UnmatchedLsoas);
    }
}
