using NeedsAssessment.Modelling;

namespace NeedsAssessment.Tests.Modelling;

public class PoissonGlmTests
{
    [Fact]
    public void BinaryCovariate_MleIsLogOfGroupMeanRatio_WithHandWorkedStandardErrors()
    {
        // Group 0: 2, 4, 6 (mean 4); group 1: 10, 14 (mean 12). Saturated in the groups, so μ̂ = group mean:
        // β₀ = log 4, β₁ = log(12/4) = log 3; XᵀWX = [[Σμ, Σ₁μ], [Σ₁μ, Σ₁μ]] = [[36, 24], [24, 24]],
        // inverse = [[1/12, −1/12], [−1/12, 1/8]], so SE(β₀) = √(1/12), SE(β₁) = √(1/12 + 1/24) = √0.125.
        double[,] x = { { 1, 0 }, { 1, 0 }, { 1, 0 }, { 1, 1 }, { 1, 1 } };
        var fit = PoissonGlm.Fit(x, [2, 4, 6, 10, 14]);
        Assert.Equal(Math.Log(4), fit.Coefficients[0], 12);
        Assert.Equal(Math.Log(3), fit.Coefficients[1], 12);
        Assert.Equal(Math.Sqrt(1.0 / 12), fit.StandardError(0), 10);
        Assert.Equal(Math.Sqrt(0.125), fit.StandardError(1), 10);
        Assert.Equal(-1.0 / 12, fit.Covariance[0, 1], 10);
        Assert.Equal([4, 4, 4, 12, 12], fit.Fitted.Select(v => Math.Round(v, 9)).ToArray());
    }

    [Fact]
    public void InterceptWithOffset_MleIsLogOfTotalCountOverTotalExposure()
    {
        // log E[yᵢ] = β + log nᵢ ⇒ Σyᵢ = e^β Σnᵢ ⇒ β = log(30/600); Var β = 1/Σμ = 1/30.
        double[,] x = { { 1 }, { 1 }, { 1 } };
        var fit = PoissonGlm.Fit(x, [5, 10, 15], [Math.Log(100), Math.Log(200), Math.Log(300)]);
        Assert.Equal(Math.Log(30.0 / 600), fit.Coefficients[0], 12);
        Assert.Equal(Math.Sqrt(1.0 / 30), fit.StandardError(0), 10);
        // Deviance 2Σ y log(y/μ) with μ = (5, 10, 15) exactly: a perfect fit.
        Assert.Equal(0, fit.Deviance, 10);
    }

    [Fact]
    public void MlNetPoisson_OnBinaryCovariate_RecoversLogMeanRatioToSinglePrecision()
    {
        var features = new[] { new[] { 0f }, [0f], [0f], [1f], [1f] };
        var (bias, weights) = MlNetPoisson.Fit(features, [2, 4, 6, 10, 14]);
        Assert.Equal(Math.Log(4), bias, 5);
        Assert.Equal(Math.Log(3), weights[0], 5);
    }

    [Fact]
    public void AllZeroCounts_AreRejected()
    {
        double[,] x = { { 1 }, { 1 } };
        Assert.Throws<ArgumentException>(() => PoissonGlm.Fit(x, [0, 0]));
    }
}
