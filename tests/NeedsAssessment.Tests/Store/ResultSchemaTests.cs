using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Store;

/// <summary>data-schemas/outputs is the one place every result table's layout is written down.</summary>
public class ResultSchemaTests
{
    // Tables a stage writes that are not stage results: the partner files' own tables (data-schemas/*.schema.json),
    // the load log, and the definition's reference tables (data-schemas/reference).
    private static bool IsResult(string table) =>
        !Stages.Ingest.Writes.Contains(table) && !table.StartsWith("ref_", StringComparison.Ordinal);

    [Fact]
    public void Every_result_table_a_stage_writes_has_a_schema_in_data_schemas_outputs()
    {
        var missing = Stages.All.SelectMany(s => s.Writes).Where(IsResult).Where(t => !ResultSchema.All.ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0, "No schema for: " + string.Join(", ", missing));
        Assert.True(Stages.All.SelectMany(s => s.Writes).Count(IsResult) >= 40);
    }

    [Fact]
    public void Every_field_of_every_result_schema_says_whether_it_is_personal_data_and_published_tables_hold_none()
    {
        Assert.All(ResultSchema.All.Values.SelectMany(s => s.Fields), f => Assert.Contains(f.PersonalData, new[] { "none", "quasi-identifier", "direct-identifier" }));
        var published = ResultSchema.All.Values.Where(s => s.Table is not ("sv_events" or "sv_event_rows" or "sv_event_codes" or "sv_event_lsoa" or "sv_event_lsoa_split")).ToList();
        Assert.All(published.SelectMany(s => s.Fields.Select(f => (s.Table, f.Name, f.PersonalData))), f => Assert.Equal("none", f.PersonalData));
        // The classified events keep what a partner sent about a victim; they never leave the store.
        Assert.Contains(ResultSchema.Of("sv_events").Fields, f => f.Name == "victim_age_band" && f.PersonalData == "quasi-identifier");
    }

    [Fact]
    public void A_result_schema_field_without_a_personal_data_marker_is_refused()
    {
        const string json = """{"table": "t", "fields": [{"name": "a", "type": "integer"}]}""";
        var e = Assert.Throws<InvalidDataException>(() => ResultSchema.Parse(json, "t.schema.json"));
        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
        Assert.Contains("personalData", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_that_drifts_from_its_schema_is_named_with_the_first_column_that_differs()
    {
        // In memory: the default path is assessment.duckdb in the working directory (the test output folder), where the
        // store was left behind and reopened by the next session.
        using var store = AssessmentStore.Open(":memory:");
        var schema = ResultSchema.Of("hotspot_classes");
        store.Execute("CREATE OR REPLACE TABLE hotspot_classes (method VARCHAR, period VARCHAR, class VARCHAR, units BIGINT, share DOUBLE)");
        schema.Verify(store);
        store.Execute("CREATE OR REPLACE TABLE hotspot_classes (method VARCHAR, period VARCHAR, class VARCHAR, units BIGINT, share VARCHAR)");
        var e = Assert.Throws<InvalidOperationException>(() => schema.Verify(store));
        Assert.Contains("column 5 is share VARCHAR; its schema declares share DOUBLE", e.Message, StringComparison.Ordinal);
        store.Execute("CREATE OR REPLACE TABLE hotspot_classes (method VARCHAR, period VARCHAR, class VARCHAR, units BIGINT, share DOUBLE, extra INTEGER)");
        Assert.Contains("'extra' its schema does not declare", Assert.Throws<InvalidOperationException>(() => schema.Verify(store)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_export_table_has_the_indicator_tables_layout_and_the_typology_columns_follow_the_models_indicators()
    {
        Assert.Equal(ResultSchema.Of("indicator_values").Fields, ResultSchema.Of("indicator_values_export").Fields);
        Assert.Equal(NeedsAssessment.Indicators.IndicatorTable.Columns, ResultSchema.Of("indicator_values").Fields.Select(f => f.Name));
        var z = NeedsAssessment.Modelling.AreaTypology.IndicatorNames.Select(n => "z_" + n).ToList();
        Assert.Equal(z, ResultSchema.Of("area_typology").Fields.Skip(3).Select(f => f.Name));
        Assert.Equal(z.Concat(NeedsAssessment.Modelling.AreaTypology.IndicatorNames.Select(n => "mean_" + n)), ResultSchema.Of("area_typology_profiles").Fields.Skip(7).Select(f => f.Name));
    }
}
