using NeedsAssessment.Classify;

namespace NeedsAssessment.Tests.Classify;

public class DefinitionLoadingTests
{
    [Fact]
    public void TheThreeShippedDefinitionsLoadAndValidateAndTheDefaultIsHomeOfficeCore()
    {
        Assert.Equal(["home-office-core", "london-under-25", "norfolk-style"], SeriousViolenceDefinition.BuiltInNames);
        foreach (var name in SeriousViolenceDefinition.BuiltInNames)
            Assert.Empty(SeriousViolenceDefinition.LoadBuiltIn(name).Validate());
        var core = SeriousViolenceDefinition.LoadDefault();
        Assert.Equal(("home-office-core", "1.0"), (core.Name, core.Version));
        Assert.Equal(ClassificationSources.All, core.Sources);
    }

    [Fact]
    public void ShippedFilesInTheRepositoryLoadFromDiskWithTheirPathAsOrigin()
    {
        var path = Path.Combine(ClassifyFixture.RepoRoot(), "data-schemas", "definitions", "london-under-25.yaml");
        var d = SeriousViolenceDefinition.Load(path);
        Assert.Equal(path, d.Origin);
        Assert.Equal(["victim_under25", "domestic_abuse"], d.RestrictToAny);
        Assert.Equal(["sexual_violence"], d.RestrictExemptCategories);
    }

    [Fact]
    public void EveryProblemIsReportedWithItsOwnLine()
    {
        var yaml = TerrorismExclusionTests.ValidYaml()
            .Replace("  - robbery\n", "  - robery\n", StringComparison.Ordinal)
            .Replace("  exclude: []", "  exclude: [\"8Z\"]", StringComparison.Ordinal)
            + "sauces: [x]\n";
        var issues = SeriousViolenceDefinition.Validate(yaml, "mine.yaml");
        Assert.Equal(3, issues.Count);
        Assert.Equal(TerrorismExclusionTests.LineOf(yaml, "  - robery"), issues[0].Line);
        Assert.Contains("unknown category 'robery'", issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(TerrorismExclusionTests.LineOf(yaml, "  exclude: [\"8Z\"]"), issues[1].Line);
        Assert.Contains("unknown code '8Z'", issues[1].Message, StringComparison.Ordinal);
        Assert.Equal(TerrorismExclusionTests.LineOf(yaml, "sauces: [x]"), issues[2].Line);
        Assert.Contains("unknown key 'sauces'", issues[2].Message, StringComparison.Ordinal);
        Assert.StartsWith($"mine.yaml:{issues[0].Line}: ", issues[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingNameAndBrokenYamlAreUserErrorsNamingTheFile()
    {
        var noName = SeriousViolenceDefinition.Validate("version: \"1\"\ncategories: [robbery]\nsources: [police_street]\n", "a.yaml");
        Assert.Contains(noName, i => i.Message.Contains("missing 'name'", StringComparison.Ordinal));
        var broken = Assert.Throws<UserErrorException>(() => SeriousViolenceDefinition.Parse("name: x\ncategories: [robbery\n", "b.yaml"));
        Assert.Contains("b.yaml:", broken.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", broken.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<UserErrorException>(() => SeriousViolenceDefinition.Load("/no/such/definition.yaml"));
        Assert.Contains("/no/such/definition.yaml", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDescriptionSaysWhatCountsWhatIsExcludedAndThatPoliceUkSeverityIsARange()
    {
        var text = DefinitionDescriber.Describe(SeriousViolenceDefinition.LoadBuiltIn("london-under-25"));
        Assert.Contains("london-under-25 (version 1.0)", text, StringComparison.Ordinal);
        Assert.Contains("105A Assault without injury", text, StringComparison.Ordinal);
        Assert.Contains("at least one of: victim under25, domestic abuse", text, StringComparison.Ordinal);
        Assert.Contains("Never counted: terrorism", text, StringComparison.Ordinal);
        Assert.Contains("Not from: police street", text, StringComparison.Ordinal);
        Assert.Contains("severity is a range", DefinitionDescriber.Describe(SeriousViolenceDefinition.LoadDefault()), StringComparison.Ordinal);
    }
}
