using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class DefinitionEffectTests
{
    /// <summary>Same fixture under two definitions; rows chosen so the London under-25 rules differ from the core.</summary>
    private static NeedsAssessment.Store.AssessmentStore Fixture()
    {
        var store = NewStore();
        Crime(store, 1, "8N", ageBand: "18-24");                       // ABH, young victim: both
        Crime(store, 2, "8N", ageBand: "35-44");                       // ABH, adult, not DA: core only
        Crime(store, 3, "8N", ageBand: "35-44", domesticAbuse: true);  // ABH, adult, DA: both
        Crime(store, 4, "105A", ageBand: "10-17");                     // common assault: not in London's list
        Crime(store, 5, "19C", ageBand: "45-54", sex: "F");            // rape, adult: sexual violence counts at any age
        Crime(store, 6, "34A", ageBand: "18-24");                      // business robbery: excluded by London
        Street(store, 7, "Violence and sexual offences");              // police.uk: London leaves the source out
        Crime(store, 8, "56B");                                        // arson not endangering life: core only
        return store;
    }

    private static Dictionary<long, bool> Included(NeedsAssessment.Store.AssessmentStore store) =>
        store.Query("SELECT source_row, in_definition FROM sv_events", r => (r.GetInt64(0), r.GetBoolean(1))).ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public void LondonUnderTwentyFiveCountsADifferentSetOfEventsThanTheCoreDefinitionOnTheSameData()
    {
        using var core = Fixture();
        using var london = Fixture();
        var coreResult = Classifier.Run(core);
        var londonResult = Classifier.Run(london, SeriousViolenceDefinition.LoadBuiltIn("london-under-25"));

        Assert.Equal(new Dictionary<long, bool> { [1] = true, [2] = true, [3] = true, [4] = true, [5] = true, [6] = true, [7] = true, [8] = true }, Included(core));
        Assert.Equal(new Dictionary<long, bool> { [1] = true, [2] = false, [3] = true, [4] = false, [5] = true, [6] = false, [7] = false, [8] = false }, Included(london));
        Assert.Equal(8, coreResult.InDefinition);
        Assert.Equal(3, londonResult.InDefinition);
        Assert.Equal(8, londonResult.Events); // excluded records are kept, not dropped
        Assert.Equal("qualifier_not_met", Event(london, "police_recorded_crime", 2)["exclusion_reason"]);
        Assert.Equal("code_excluded", Event(london, "police_recorded_crime", 4)["exclusion_reason"]);
        Assert.Equal("source_not_in_definition", Event(london, "police_street", 7)["exclusion_reason"]);
        Assert.Equal("category_not_in_definition", Event(london, "police_recorded_crime", 8)["exclusion_reason"]);
    }

    [Theory]
    [InlineData("home-office-core")]
    [InlineData("london-under-25")]
    [InlineData("norfolk-style")]
    public void EveryEventRowCarriesTheDefinitionsNameAndVersion(string name)
    {
        var definition = SeriousViolenceDefinition.LoadBuiltIn(name);
        using var store = Fixture();
        Ed(store, 9, "knife_or_sharp_object");
        Admission(store, 10, "X99");
        Ambulance(store, 11);
        Classifier.Run(store, definition);
        var pairs = store.Query("SELECT DISTINCT definition_name, definition_version FROM sv_events", r => (r.GetString(0), r.GetString(1)));
        Assert.Equal([(name, definition.Version)], pairs);
        Assert.Equal(0, Count(store, "SELECT count(*) FROM sv_events WHERE definition_name IS NULL OR definition_version IS NULL"));
        Assert.Equal(11, Count(store, "SELECT count(*) FROM sv_events"));
    }

    [Fact]
    public void NorfolkStyleAddsListedCodesFromCategoriesItOtherwiseLeavesOut()
    {
        using var store = NewStore();
        Crime(store, 1, "56A");  // arson endangering life: included by code
        Crime(store, 2, "58A");  // criminal damage to a dwelling: category not listed
        Crime(store, 3, "29");   // aggravated burglary
        Crime(store, 4, "9B");   // racially aggravated public fear: not selected
        Classifier.Run(store, SeriousViolenceDefinition.LoadBuiltIn("norfolk-style"));
        Assert.Equal(new Dictionary<long, bool> { [1] = true, [2] = false, [3] = true, [4] = false }, Included(store));
    }

    [Fact]
    public void ReRunningWithAnotherDefinitionReplacesEventsAndAppendsARunRecord()
    {
        using var store = Fixture();
        Classifier.Run(store);
        Classifier.Run(store, SeriousViolenceDefinition.LoadBuiltIn("london-under-25"));
        Assert.Equal(8, Count(store, "SELECT count(*) FROM sv_events"));
        var runs = store.Query("SELECT definition_name, events, in_definition FROM sv_runs ORDER BY run_id", r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        Assert.Equal([("home-office-core", 8L, 8L), ("london-under-25", 8L, 3L)], runs);
    }

    [Fact]
    public void SvEventsHasTheDocumentedColumnsInOrder()
    {
        using var store = NewStore();
        Classifier.Run(store);
        var columns = store.Query("SELECT column_name FROM information_schema.columns WHERE table_name = 'sv_events' ORDER BY ordinal_position", r => r.GetString(0));
        Assert.Equal(Classifier.EventColumns, columns);
    }

    [Fact]
    public void SvEventsColumnTypesMatchTheDocumentedOutputSchema()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "data-schemas", "outputs", "sv-events.schema.json")));
        var documented = doc.RootElement.GetProperty("fields").EnumerateArray()
            .Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("type").GetString() switch
            {
                "integer" => "BIGINT", "number" => "DOUBLE", "boolean" => "BOOLEAN", "date" => "DATE", "datetime" => "TIMESTAMP", _ => "VARCHAR",
            })).ToList();
        using var store = Fixture();
        Classifier.Run(store);
        var actual = store.Query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'sv_events' ORDER BY ordinal_position",
            r => (r.GetString(0), r.GetString(1)));
        Assert.Equal(documented, actual);
    }
}
