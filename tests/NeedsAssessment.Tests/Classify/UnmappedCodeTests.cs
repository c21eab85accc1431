using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class UnmappedCodeTests
{
    [Fact]
    public void CodesNoReferenceKnowsAreKeptCountedPerCodeAndReported()
    {
        using var store = NewStore();
        Crime(store, 1, "999Z");
        Crime(store, 2, "999Z");
        Crime(store, 3, "999Z");
        Crime(store, 4, "77");
        Crime(store, 5, null);
        Crime(store, 6, "8N");
        Street(store, 7, "Bike crime");

        var result = Classifier.Run(store);

        Assert.Equal(
            [new UnmappedCode("police_recorded_crime", "999Z", 3), new UnmappedCode("police_recorded_crime", "(blank)", 1),
             new UnmappedCode("police_recorded_crime", "77", 1), new UnmappedCode("police_street", "Bike crime", 1)],
            result.UnmappedCodes);
        Assert.Equal(7, result.Events);
        var police = result.Sources.Single(s => s.Source == "police_recorded_crime");
        Assert.Equal((6L, 1L, 5L), (police.Records, police.Mapped, police.Unmapped));
        Assert.Equal(3, Count(store, "SELECT records FROM sv_unmapped WHERE code = '999Z'"));
        var e = Event(store, "police_recorded_crime", 1);
        Assert.Equal(false, e["mapped"]);
        Assert.Equal(false, e["in_definition"]);
        Assert.Equal("unmapped_code", e["exclusion_reason"]);
        Assert.Equal("unknown", e["penalty_tier"]);
    }

    [Fact]
    public void AdmissionCodesMatchOnTheirFirstThreeCharactersWithOrWithoutADot()
    {
        using var store = NewStore();
        Admission(store, 1, "X99.1");
        Admission(store, 2, "X991");
        Admission(store, 3, "Y05");
        var result = Classifier.Run(store);
        Assert.Empty(result.UnmappedCodes);
        Assert.Equal(true, Event(store, "health_admission", 1)["knife"]);
        Assert.Equal(true, Event(store, "health_admission", 2)["knife"]);
        Assert.Equal("sexual_violence", Event(store, "health_admission", 3)["category"]);
    }
}
