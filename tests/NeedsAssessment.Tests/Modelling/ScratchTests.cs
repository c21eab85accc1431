using NeedsAssessment.Modelling;
using Xunit.Abstractions;

namespace NeedsAssessment.Tests.Modelling;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        using var store = NeedsAssessment.Store.AssessmentStore.Open("/tmp/model-demo/assessment.duckdb", readOnly: true);
        foreach (var w in new[] { 12, 36 })
        foreach (var t in new[] { 0.001, 0.0001, 1e-6 })
        {
            var areas = ModelData.Areas(store, "police_recorded_crime", w);
            var r = ExpectedCounts.Fit(areas, new ModelOptions { TrimExcessP = t });
            output.WriteLine($"w{w} t{t}: " + string.Join("; ", r.Coefficients.Take(5).Select(c => $"{c.Term} {c.Estimate:0.####} [{c.Lower:0.####},{c.Upper:0.####}]")) + $" disp={r.PearsonDispersion:0.##} fitted={r.AreasFitted} rounds={r.FitRounds} {r.Agreement}");
            output.WriteLine("   out: " + string.Join(",", r.Areas.Where(a => !a.InFit).Select(a => a.Lsoa21Code)));
        }
    }
}
