using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

/// <summary>
/// sv_events and sv_event_lsoa are views over what the classification writes (sv_event_rows, sv_event_codes, sv_event_lsoa_codes, sv_event_lsoa_split):
/// readers see every column with its derived values, and a store classified before they became views is reclassified.
/// </summary>
public class EventStorageTests
{
    [Fact]
    public void A_store_classified_when_sv_events_and_sv_event_lsoa_were_tables_is_reclassified_into_the_views()
    {
        using var store = NewStore();
        Street(store, 1, "Robbery", lsoa: "E01000001");
        store.Execute("CREATE TABLE sv_events AS SELECT 1 AS old; CREATE TABLE sv_event_lsoa AS SELECT 1 AS old;");
        Classifier.Run(store);
        var types = store.Query("SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('sv_events', 'sv_event_lsoa') ORDER BY 1",
            r => $"{r.GetString(0)}={r.GetString(1)}");
        Assert.Equal(["sv_event_lsoa=VIEW", "sv_events=VIEW"], types);
        var e = Event(store, "police_street", 1);
        Assert.Equal("police_street:" + e["source_load_id"] + ":1", e["event_id"]);
    }

    [Fact]
    public void The_derived_columns_follow_from_the_stored_row_and_the_definition()
    {
        using var store = NewStore();
        Street(store, 1, "Robbery", lsoa: "E01000001");
        Street(store, 2, "Bicycle theft", lsoa: "E01000001");
        Crime(store, 3, "8N", lsoa: "E01000001");
        var definition = SeriousViolenceDefinition.LoadDefault();
        Classifier.Run(store, definition);
        var rows = store.Query("""
            SELECT count(*) FILTER (WHERE e.in_definition IS DISTINCT FROM (k.code_exclusion_reason IS NULL AND NOT r.qualifier_not_met)),
                   count(*) FILTER (WHERE e.mapped IS DISTINCT FROM (k.category IS NOT NULL)),
                   count(*) FILTER (WHERE e.event_id <> k.source || ':' || r.source_load_id || ':' || r.source_row),
                   count(*) FILTER (WHERE e.definition_name <> ?), count(*)
            FROM sv_event_rows r JOIN sv_event_codes k USING (code_id)
            JOIN sv_events e ON e.source = k.source AND e.source_load_id = r.source_load_id AND e.source_row = r.source_row
            """.Replace("?", NeedsAssessment.Store.AssessmentStore.Literal(definition.Name), StringComparison.Ordinal),
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))[0];
        Assert.Equal((0L, 0L, 0L, 0L, 3L), rows);
        Assert.Equal(true, Event(store, "police_street", 1)["in_definition"]);
        Assert.Equal(false, Event(store, "police_street", 2)["in_definition"]);
        // A police.uk crime type is a range of offences, so its penalty tier is unknown; an offence code's follows its maximum.
        Assert.Equal("unknown", Event(store, "police_street", 1)["penalty_tier"]);
        var crime = Event(store, "police_recorded_crime", 3);
        var days = Convert.ToInt64(crime["max_penalty_days"], System.Globalization.CultureInfo.InvariantCulture);
        var expected = crime["max_penalty_life"] is true ? "life" : days >= 3650 ? "10y+" : days >= 1825 ? "5-<10y" : days >= 730 ? "2-<5y" : "<2y";
        Assert.Equal(expected, crime["penalty_tier"]);
    }

    [Fact]
    public void Every_record_appears_once_in_sv_events_including_records_without_a_code()
    {
        using var store = NewStore();
        Street(store, 1, "Robbery", lsoa: "E01000001");
        Street(store, 2, null, lsoa: "E01000001");
        Street(store, 3, null, lsoa: "E01000002");
        Crime(store, 4, null, lsoa: "E01000001");
        Classifier.Run(store);
        Assert.Equal(4L, store.Scalar("SELECT count(*) FROM sv_event_rows"));
        Assert.Equal(4L, store.Scalar("SELECT count(*) FROM sv_events"));
        Assert.Equal(4L, store.Scalar("SELECT count(DISTINCT event_id) FROM sv_events"));
        Assert.Equal(false, Event(store, "police_street", 2)["mapped"]);
        Assert.Equal("range", Event(store, "police_street", 3)["penalty_confidence"]);
        Assert.Null(Event(store, "police_recorded_crime", 4)["category"]);
    }
}
