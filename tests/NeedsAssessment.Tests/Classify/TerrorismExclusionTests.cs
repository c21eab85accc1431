using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class TerrorismExclusionTests
{
    private const string TerrorismCode = "99T";

    public static TheoryData<string> BuiltIns() => new(SeriousViolenceDefinition.BuiltInNames);

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void TerrorismIsNeverInTheDefinitionUnderAnyShippedDefinition(string name)
    {
        using var store = NewStore();
        Crime(store, 1, TerrorismCode, ageBand: "18-24", domesticAbuse: true, location: "public_place");
        Classifier.Run(store, SeriousViolenceDefinition.LoadBuiltIn(name));
        var e = Event(store, "police_recorded_crime", 1);
        Assert.Equal("terrorism", e["category"]);
        Assert.Equal(false, e["in_definition"]);
        Assert.Equal("terrorism_excluded_by_duty", e["exclusion_reason"]);
    }

    [Fact]
    public void TerrorismIsExcludedEvenWhenADefinitionCountsEveryOtherCategoryAndCode()
    {
        var everything = SeriousViolenceDefinition.LoadDefault() with
        {
            Name = "everything",
            Categories = SeriousViolenceCategories.All.Where(c => c != SeriousViolenceCategories.Terrorism).ToList(),
            ExcludeCodes = [],
        };
        using var store = NewStore();
        Crime(store, 1, TerrorismCode);
        Crime(store, 2, "46");
        Classifier.Run(store, everything);
        Assert.Equal(false, Event(store, "police_recorded_crime", 1)["in_definition"]);
        Assert.Equal(true, Event(store, "police_recorded_crime", 2)["in_definition"]);
    }

    [Fact]
    public void ADefinitionFileListingTheTerrorismCategoryIsRejectedNamingTheFileAndLine()
    {
        var yaml = ValidYaml().Replace("  - robbery\n", "  - robbery\n  - terrorism\n", StringComparison.Ordinal);
        var line = LineOf(yaml, "  - terrorism");
        var ex = Assert.Throws<UserErrorException>(() => SeriousViolenceDefinition.Parse(yaml, "partnership.yaml"));
        Assert.Contains($"partnership.yaml:{line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("terrorism can never be part of a serious violence definition", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefinitionFileIncludingTheTerrorismCodeIsRejectedNamingTheLineAndCode()
    {
        var yaml = ValidYaml().Replace("  include: []", "  include:\n    - \"99T\"", StringComparison.Ordinal);
        var line = LineOf(yaml, "    - \"99T\"");
        var issues = SeriousViolenceDefinition.Validate(yaml, "p.yaml");
        var issue = Assert.Single(issues);
        Assert.Equal(line, issue.Line);
        Assert.Contains("'99T', a terrorism code", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefinitionBuiltInCodeThatIncludesTerrorismIsRefusedByTheClassifier()
    {
        var bad = SeriousViolenceDefinition.LoadDefault() with { Categories = [SeriousViolenceCategories.Terrorism] };
        using var store = NewStore();
        var ex = Assert.Throws<UserErrorException>(() => Classifier.Run(store, bad));
        Assert.Contains("terrorism", ex.Message, StringComparison.Ordinal);
        Assert.False(store.TableExists("sv_events"));
    }

    internal static string ValidYaml() => """
        name: test
        version: "1"
        categories:
          - violence_against_the_person
          - robbery
        offence_codes:
          include: []
          exclude: []
        sources: [police_recorded_crime]
        """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    internal static int LineOf(string text, string lineText) =>
        text.Split('\n').Select((l, i) => (l, i)).First(p => p.l == lineText).i + 1;
}
