using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace NeedsAssessment.Modelling;

/// <summary>ML.NET's L-BFGS Poisson regression, configured as an unpenalised maximum-likelihood fit.</summary>
public static class MlNetPoisson
{
    private sealed class Row
    {
        public float Label { get; set; }

        [VectorType]
        public float[] Features { get; set; } = [];
    }

    /// <summary>
    /// Fits log E[y] = b + wᵀx with <c>LbfgsPoissonRegression</c> (loss Σ [exp(b + wᵀx) − y(b + wᵀx)], L1 = L2 = 0,
    /// single-threaded so the result is deterministic). ML.NET has no offset, so callers put log exposure in
    /// as a feature. Features are single precision inside ML.NET: pass values already rounded to float and fit
    /// the reference model on the same values. Returns (bias, weights) widened to double.
    /// Source: Microsoft.ML.Trainers.LbfgsPoissonRegressionTrainer (ML.NET 5.0).
    /// </summary>
    /// <param name="features">Rows of features (no intercept column; ML.NET fits a bias).</param>
    /// <param name="y">Counts.</param>
    /// <param name="seed">MLContext seed.</param>
    /// <param name="optimizationTolerance">L-BFGS relative-improvement tolerance.</param>
    /// <param name="historySize">L-BFGS memory.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    public static (double Bias, double[] Weights) Fit(
        IReadOnlyList<float[]> features, IReadOnlyList<double> y, int seed = 1,
        float optimizationTolerance = 1e-12f, int historySize = 50, int maxIterations = 10_000)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(y);
        if (features.Count != y.Count || features.Count == 0) throw new ArgumentException("One count per feature row is needed.", nameof(y));
        int p = features[0].Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, p);
        var data = ml.Data.LoadFromEnumerable(features.Select((f, i) => new Row { Label = (float)y[i], Features = f }).ToList(), schema);
        var trainer = ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 0,
            OptimizationTolerance = optimizationTolerance,
            HistorySize = historySize,
            MaximumNumberOfIterations = maxIterations,
            NumberOfThreads = 1,
            Quiet = true,
        });
        var model = trainer.Fit(data).Model;
        var w = model.Weights.Select(v => (double)v).ToArray();
        return (model.Bias, w);
    }
}
