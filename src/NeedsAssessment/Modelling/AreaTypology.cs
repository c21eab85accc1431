using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Modelling;

/// <summary>One LSOA's typology cluster.</summary>
/// <param name="Lsoa21Code">LSOA 2021 code.</param>
/// <param name="Cluster">Cluster number, 1 = highest mean violence rate.</param>
/// <param name="Profile">The cluster's plain-language profile.</param>
/// <param name="Standardised">The area's standardised indicators, in <see cref="AreaTypology.IndicatorNames"/> order.</param>
public sealed record AreaCluster(string Lsoa21Code, int Cluster, string Profile, IReadOnlyList<double> Standardised);

/// <summary>A cluster's centroid and description.</summary>
/// <param name="Cluster">Cluster number, 1 = highest mean violence rate.</param>
/// <param name="Areas">LSOAs in the cluster.</param>
/// <param name="Profile">Plain language, from the centroid's most deviating standardised indicators.</param>
/// <param name="Centroid">Centroid in standardised units (z-scores), <see cref="AreaTypology.IndicatorNames"/> order.</param>
/// <param name="Means">Mean of each indicator on its own scale.</param>
public sealed record ClusterProfile(int Cluster, int Areas, string Profile, IReadOnlyList<double> Centroid, IReadOnlyList<double> Means);

/// <summary>Silhouette of one candidate k.</summary>
/// <param name="K">Clusters.</param>
/// <param name="MeanSilhouette">Mean silhouette width over areas.</param>
public sealed record SilhouetteScore(int K, double MeanSilhouette);

/// <summary>The area typology.</summary>
/// <param name="K">Chosen k (largest mean silhouette).</param>
/// <param name="Seed">Seed of the reported clustering.</param>
/// <param name="Silhouettes">Mean silhouette for every k tried.</param>
/// <param name="Clusters">Cluster profiles.</param>
/// <param name="Areas">Per-area assignment, in area order.</param>
/// <param name="StabilitySeeds">Other seeds re-run at the chosen k.</param>
/// <param name="StabilityAri">Adjusted Rand index between the reported clustering and each other seed's.</param>
public sealed record TypologyResult(
    int K, int Seed, IReadOnlyList<SilhouetteScore> Silhouettes, IReadOnlyList<ClusterProfile> Clusters, IReadOnlyList<AreaCluster> Areas,
    IReadOnlyList<int> StabilitySeeds, IReadOnlyList<double> StabilityAri);

/// <summary>k-means typology of LSOAs on their violence profile.</summary>
public static class AreaTypology
{
    /// <summary>Indicator names, in column order.</summary>
    public static readonly IReadOnlyList<string> IndicatorNames =
        ["rate_per_1000", "public_place_share", "nte_share", "under25_share", "domestic_abuse_share", "weapon_share", "deprivation_steps"];

    private static readonly (string High, string Low)[] Phrases =
    [
        ("high violence rate", "low violence rate"),
        ("public place", "private settings"),
        ("night-time economy", "little night-time economy"),
        ("young victims", "older victims"),
        ("domestic abuse", "little domestic abuse"),
        ("weapon-enabled", "few weapons"),
        ("deprived", "affluent"),
    ];

    private sealed class Row
    {
        [VectorType]
        public float[] Features { get; set; } = [];
    }

    /// <summary>
    /// Standardises the indicators (z = (x − mean)/sd over areas; rate per 1,000 residents a year from the window),
    /// runs ML.NET k-means (k-means++ initialisation, one thread, MLContext seeded) for k = minK..maxK, keeps the k with
    /// the largest mean silhouette width s(i) = (b − a)/max(a, b) on Euclidean distance (Rousseeuw PJ. Silhouettes.
    /// J Comput Appl Math 1987;20:53-65), numbers clusters by descending mean rate, and profiles each centroid by its
    /// up to three indicators furthest from the county average (|z| ≥ 0.5). Stability: the chosen k is re-run with
    /// seeds seed+1..seed+extraSeeds and compared by the adjusted Rand index (Hubert and Arabie 1985).
    /// </summary>
    /// <param name="areas">Area data.</param>
    /// <param name="windowMonths">Months the counts cover (to annualise the rate).</param>
    /// <param name="seed">Seed of the reported clustering.</param>
    /// <param name="minK">Smallest k.</param>
    /// <param name="maxK">Largest k.</param>
    /// <param name="extraSeeds">Further seeds for the stability check.</param>
    public static TypologyResult Compute(IReadOnlyList<AreaData> areas, int windowMonths, int seed = 42, int minK = 2, int maxK = 8, int extraSeeds = 4)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (minK < 2 || maxK < minK) throw new ArgumentOutOfRangeException(nameof(minK), "Need 2 <= minK <= maxK.");
        maxK = Math.Min(maxK, areas.Count - 1);
        if (maxK < minK) throw new ArgumentException("Too few areas for the typology.", nameof(areas));
        var raw = areas.Select(a => new[]
        {
            a.Observed / a.Population * 1000 * 12 / windowMonths, a.PublicShare, a.NteShare, a.Under25Share, a.DomesticShare, a.WeaponShare, a.DeprivationSteps,
        }).ToArray();
        int n = raw.Length, p = IndicatorNames.Count;
        var mean = new double[p];
        var sd = new double[p];
        for (int j = 0; j < p; j++)
        {
            mean[j] = raw.Average(r => r[j]);
            sd[j] = Math.Sqrt(raw.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
        }
        // A constant indicator carries no information; leave it at 0 rather than divide by zero.
        var z = raw.Select(r => Enumerable.Range(0, p).Select(j => sd[j] > 0 ? (r[j] - mean[j]) / sd[j] : 0).ToArray()).ToArray();

        var scores = new List<SilhouetteScore>();
        int bestK = minK;
        double best = double.NegativeInfinity;
        int[] bestLabels = [];
        for (int k = minK; k <= maxK; k++)
        {
            var labels = Cluster(z, k, seed);
            var s = Silhouette(z, labels);
            scores.Add(new SilhouetteScore(k, s));
            if (s > best + 1e-12) { best = s; bestK = k; bestLabels = labels; }
        }

        // Number clusters by descending mean rate so the numbering means something and is seed-independent.
        var clusterIds = bestLabels.Distinct().OrderByDescending(c => Enumerable.Range(0, n).Where(i => bestLabels[i] == c).Average(i => raw[i][0])).ToArray();
        var renumber = clusterIds.Select((c, i) => (c, i + 1)).ToDictionary(t => t.c, t => t.Item2);
        var final = bestLabels.Select(c => renumber[c]).ToArray();
        var profiles = new List<ClusterProfile>();
        foreach (var c in Enumerable.Range(1, clusterIds.Length))
        {
            var members = Enumerable.Range(0, n).Where(i => final[i] == c).ToArray();
            var centroid = Enumerable.Range(0, p).Select(j => members.Average(i => z[i][j])).ToArray();
            var means = Enumerable.Range(0, p).Select(j => members.Average(i => raw[i][j])).ToArray();
            profiles.Add(new ClusterProfile(c, members.Length, Describe(centroid), centroid, means));
        }
        var areaRows = Enumerable.Range(0, n).Select(i => new AreaCluster(areas[i].Lsoa21Code, final[i], profiles[final[i] - 1].Profile, z[i])).ToArray();

        var seeds = Enumerable.Range(1, extraSeeds).Select(s => seed + s).ToArray();
        var ari = seeds.Select(s => AdjustedRandIndex.Compute(final, Cluster(z, bestK, s))).ToArray();
        return new TypologyResult(bestK, seed, scores, profiles, areaRows, seeds, ari);
    }

    /// <summary>
    /// Plain-language profile from a centroid in z-scores: up to three indicators with |z| ≥ 0.5, largest first,
    /// each as its "high" or "low" phrase; "close to the county average" when none deviate that far.
    /// </summary>
    /// <param name="centroid">Standardised centroid in <see cref="IndicatorNames"/> order.</param>
    public static string Describe(IReadOnlyList<double> centroid)
    {
        ArgumentNullException.ThrowIfNull(centroid);
        var parts = Enumerable.Range(0, Math.Min(centroid.Count, Phrases.Length))
            .Where(j => Math.Abs(centroid[j]) >= 0.5)
            .OrderByDescending(j => Math.Abs(centroid[j])).ThenBy(j => j)
            .Take(3)
            .Select(j => centroid[j] > 0 ? Phrases[j].High : Phrases[j].Low)
            .ToArray();
        return parts.Length == 0 ? "close to the county average" : string.Join(", ", parts);
    }

    /// <summary>ML.NET k-means labels (0-based) for standardised rows.</summary>
    internal static int[] Cluster(double[][] z, int k, int seed)
    {
        var ml = new MLContext(seed);
        int p = z[0].Length;
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, p);
        var data = ml.Data.LoadFromEnumerable(z.Select(r => new Row { Features = r.Select(v => (float)v).ToArray() }).ToList(), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Row.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 1000,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        var labels = model.Transform(data).GetColumn<uint>("PredictedLabel").ToArray();
        return labels.Select(l => (int)l - 1).ToArray();
    }

    /// <summary>
    /// Mean silhouette width: for each item, a = mean distance to its own cluster's other members, b = smallest mean
    /// distance to another cluster, s = (b − a)/max(a, b), and s = 0 for a singleton (Rousseeuw 1987). Euclidean distance.
    /// </summary>
    /// <param name="points">Rows of coordinates.</param>
    /// <param name="labels">Cluster label per row (at least two distinct).</param>
    public static double Silhouette(IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        int n = points.Count;
        if (labels.Count != n) throw new ArgumentException("One label per point is needed.", nameof(labels));
        var ids = labels.Distinct().Order().ToArray();
        if (ids.Length < 2) return 0;
        var index = ids.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);
        var size = new int[ids.Length];
        foreach (var l in labels) size[index[l]]++;
        double total = 0;
        var sums = new double[ids.Length];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(sums);
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double d = 0;
                for (int k = 0; k < points[i].Length; k++) { var t = points[i][k] - points[j][k]; d += t * t; }
                sums[index[labels[j]]] += Math.Sqrt(d);
            }
            int own = index[labels[i]];
            if (size[own] == 1) continue;
            double a = sums[own] / (size[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < ids.Length; c++) if (c != own && size[c] > 0) b = Math.Min(b, sums[c] / size[c]);
            var m = Math.Max(a, b);
            if (m > 0) total += (b - a) / m;
        }
        return total / n;
    }
}
