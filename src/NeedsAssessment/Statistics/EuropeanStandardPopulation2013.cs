namespace NeedsAssessment.Statistics;

/// <summary>
/// The European Standard Population 2013 in 19 five-year bands (0-4, 5-9, …, 85-89, 90+), totalling 100,000.
/// Source: Eurostat. Revision of the European Standard Population: report of Eurostat's task force.
/// Luxembourg: Publications Office of the European Union; 2013.
/// </summary>
public static class EuropeanStandardPopulation2013
{
    private static readonly double[] WeightValues =
    [
        5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
        7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
    ];

    private static readonly string[] LabelValues =
    [
        "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
        "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
    ];

    /// <summary>Standard population of each band, youngest first.</summary>
    public static IReadOnlyList<double> Weights { get; } = Array.AsReadOnly(WeightValues);

    /// <summary>Band labels matching <see cref="Weights"/>.</summary>
    public static IReadOnlyList<string> BandLabels { get; } = Array.AsReadOnly(LabelValues);

    /// <summary>Number of bands (19).</summary>
    public static int BandCount => WeightValues.Length;

    /// <summary>Sum of the weights (100,000).</summary>
    public const double Total = 100_000;
}
