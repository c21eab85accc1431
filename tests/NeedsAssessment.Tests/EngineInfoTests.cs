namespace NeedsAssessment.Tests;

public class EngineInfoTests
{
    [Fact]
    public void Version_is_three_part_semantic_version()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", EngineInfo.Version);
    }
}
