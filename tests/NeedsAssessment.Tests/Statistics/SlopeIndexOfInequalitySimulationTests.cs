using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class SlopeIndexOfInequalitySimulationTests
{
    private static readonly double[] Values = [150.2, 131.0, 127.5, 130.5, 135.5];
    private static readonly double[] Pops = [1_434_002, 1_450_590, 1_453_827, 1_440_980, 1_457_780];
    private static readonly double[] Ses = [1.47, 1.35, 1.25, 1.15, 1.18];

    [Fact]
    public void Simulated_interval_is_reproducible_for_a_given_seed_and_differs_for_another()
    {
        var a = SlopeIndexOfInequality.CalculateBySimulation(Values, Pops, Ses, 0.95, 20_000, seed: 7);
        var b = SlopeIndexOfInequality.CalculateBySimulation(Values, Pops, Ses, 0.95, 20_000, seed: 7);
        var c = SlopeIndexOfInequality.CalculateBySimulation(Values, Pops, Ses, 0.95, 20_000, seed: 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a.SiiLower, c.SiiLower);
        Assert.Contains("seed 7", a.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_sii_interval_matches_the_analytic_variance_of_a_linear_combination()
    {
        // SII is linear in the quantile values, so with independent normal errors its SD is √Σ cᵢ²SEᵢ²
        // with cᵢ = wᵢ(xᵢ − x̄)/Σ wⱼ(xⱼ − x̄)²; computed here from the ridits by hand.
        var total = Pops.Sum();
        var cum = 0.0;
        var x = new double[5];
        for (var i = 0; i < 5; i++)
        {
            x[i] = (cum + (Pops[i] / 2)) / total;
            cum += Pops[i];
        }

        var xBar = x.Select((xi, i) => xi * Pops[i]).Sum() / total;
        var sxx = x.Select((xi, i) => Pops[i] * (xi - xBar) * (xi - xBar)).Sum();
        var sd = Math.Sqrt(x.Select((xi, i) => Math.Pow(Pops[i] * (xi - xBar) / sxx * Ses[i], 2)).Sum());

        var est = SlopeIndexOfInequality.CalculateBySimulation(Values, Pops, Ses, 0.95, 100_000, seed: 42);
        var point = SlopeIndexOfInequality.Calculate(Values, Pops);
        Assert.Equal(point.Sii, est.Sii);
        // 100,000 draws estimate a 2.5% percentile to within about 1% of the SD.
        ReferenceMath.Near(point.Sii - (ReferenceMath.Z95 * sd), est.SiiLower, 0.03 * sd, "lower");
        ReferenceMath.Near(point.Sii + (ReferenceMath.Z95 * sd), est.SiiUpper, 0.03 * sd, "upper");
        Assert.True(est.RiiLower < est.Rii && est.Rii < est.RiiUpper);
    }

    [Fact]
    public void Too_few_repeats_are_rejected_naming_repeats()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SlopeIndexOfInequality.CalculateBySimulation(Values, Pops, Ses, 0.95, 10));
        Assert.Equal("repeats", ex.ParamName);
    }
}
