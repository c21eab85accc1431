using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class ClassificationPlanTests
{
    /// <summary>
    /// A LEFT JOIN whose ON clause tests the left side alone (s.source = '...') is planned by DuckDB as a nested
    /// loop: harmless on a county, hours on a national store (8 million records against 35,000 lookup rows).
    /// Every join that builds sv_events (including police.uk points to their projected coordinates, which sv_src
    /// joins and sv_events reads as a view) must be a hash join, with police.uk outcome records and without them
    /// (the join to them is left out then).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryJoinThatBuildsEventsIsAHashJoinNotANestedLoop(bool outcomes)
    {
        using var store = NewStore();
        Lookup(store, "E01000001", "E01100001");
        Crime(store, 1, "8N", lsoa: "E01000001");
        Street(store, 2, "Robbery", lsoa: "E01000001");
        Ed(store, 3, "knife");
        Admission(store, 4, "X99");
        Ambulance(store, 5);
        NeedsAssessment.Classify.ReferenceData.LoadInto(store);
        Classifier.StagePoints(store);
        if (outcomes) store.Execute(PoliceUkOutcomes.StageSql);
        store.Execute(Classifier.SourceUnionSql(store, outcomes));
        store.Execute(Classifier.KeysSql(outcomes));
        var definition = SeriousViolenceDefinition.LoadDefault();
        foreach (var keyed in new[] { Classifier.CodesSql(definition), Classifier.LsoaCodesSql(Classifier.LookupAvailable(store), Classifier.Known2021Tables(store)), Classifier.LsoaRawSql })
        {
            var keyedPlan = string.Join("\n", store.Query("EXPLAIN (FORMAT json) " + keyed, r => r.GetString(1)));
            Assert.DoesNotContain("NESTED_LOOP_JOIN", keyedPlan);
            Assert.DoesNotContain("NL_JOIN", keyedPlan);
            Assert.DoesNotContain("CROSS_PRODUCT", keyedPlan);
            store.Execute(keyed);
        }
        var sql = Classifier.EventsSql(definition, outcomes);
        Assert.Equal(outcomes, sql.Contains(PoliceUkOutcomes.Table, StringComparison.Ordinal));
        // JSON, because the text plan truncates operator names to the width of its boxes.
        var plan = string.Join("\n", store.Query("EXPLAIN (FORMAT json) " + sql, r => r.GetString(1)));
        Assert.Contains("\"HASH_JOIN\"", plan);
        Assert.DoesNotContain("NESTED_LOOP_JOIN", plan);
        Assert.DoesNotContain("NL_JOIN", plan);
        Assert.DoesNotContain("CROSS_PRODUCT", plan);
    }
}
