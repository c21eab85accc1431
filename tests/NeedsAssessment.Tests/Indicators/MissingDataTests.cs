using NeedsAssessment.Indicators;

namespace NeedsAssessment.Tests.Indicators;

public class MissingDataTests
{
    [Fact]
    public void An_indicator_whose_source_is_not_loaded_gives_no_rows_and_says_why()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute("DELETE FROM sv_events WHERE source = 'health_ed_assault'");

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["ed_assault_rate", "sv_rate"] });

        Assert.Empty(IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "ed_assault_rate" }));
        Assert.NotEmpty(IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "sv_rate" }));
        Assert.Contains(run.Messages, m => m.StartsWith("ed_assault_rate not computed: no loaded record matches", StringComparison.Ordinal));
    }

    [Fact]
    public void An_indicator_whose_flag_the_source_does_not_record_gives_no_rows_rather_than_zeros()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute("UPDATE sv_events SET knife = NULL");

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["knife_rate"] });

        Assert.Empty(IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "knife_rate" }));
        Assert.Contains(run.Messages, m => m.StartsWith("knife_rate not computed: the loaded data can't tell", StringComparison.Ordinal));
    }
}
