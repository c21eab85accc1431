using NeedsAssessment.Indicators;

namespace NeedsAssessment.Modelling;

/// <summary>Settings for <see cref="Modeller.Run"/>. Every setting has a default suited to a county SNA.</summary>
public sealed record ModelOptions
{
    /// <summary>
    /// The sv_events source counted. Null (the default): the police source that counts in the store
    /// (<see cref="Classify.PoliceSource.Counted"/>); police.uk street files hold the force's crimes again, so counting
    /// every source would double count.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>Months, ending at the latest month in the data, aggregated for the area models. Default 12.</summary>
    public int WindowMonths { get; init; } = 12;

    /// <summary>Small-number suppression of the exported model files. Default <see cref="SuppressionPolicy.Nhs"/>.</summary>
    public SuppressionPolicy Suppression { get; init; } = SuppressionPolicy.Nhs;

    /// <summary>
    /// An area is a night-time-economy area when at least this share of its in-definition events are flagged
    /// night_time_economy. Default 0.25: on the demo the share is 0 in most areas, under 0.2 around hotspots
    /// and 0.3-0.6 in town centres.
    /// </summary>
    public double NteAreaThreshold { get; init; } = 0.25;

    /// <summary>Add district indicator terms (first district in code order is the reference). Default true.</summary>
    public bool DistrictEffects { get; init; } = true;

    /// <summary>Two-sided confidence level for coefficients and O/E limits. Default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>
    /// Relative agreement ML.NET must reach against IRLS for its coefficients to be the reported ones; otherwise
    /// the IRLS estimate is reported (and the achieved agreement is still recorded). Default 1e-6.
    /// </summary>
    public double AgreementTolerance { get; init; } = 1e-6;

    /// <summary>
    /// Areas with P(Y ≥ O | E) below this are left out of the refit of the expected-count model (0 disables).
    /// Default 0.001: about one area in a thousand by chance, while a hotspot's excess is far beyond it.
    /// </summary>
    public double TrimExcessP { get; init; } = 0.001;

    /// <summary>Most refits after leaving out extreme areas. Default 5.</summary>
    public int MaxTrimRounds { get; init; } = 5;

    /// <summary>
    /// Neighbours per LSOA (besides itself) for Gi*. Default 4: a street-scale hotspot covers one to three LSOAs, and a
    /// wider neighbourhood dilutes a single-area excess below significance after the FDR adjustment (on the demo,
    /// k = 8 finds two of the five active planted hotspots on O − E, k = 4 all five).
    /// </summary>
    public int HotspotNeighbours { get; init; } = 4;

    /// <summary>Smallest k tried for the typology. Default 2.</summary>
    public int TypologyMinK { get; init; } = 2;

    /// <summary>Largest k tried for the typology. Default 8.</summary>
    public int TypologyMaxK { get; init; } = 8;

    /// <summary>Further k-means seeds run at the chosen k to measure stability (adjusted Rand index). Default 4.</summary>
    public int TypologyStabilitySeeds { get; init; } = 4;

    /// <summary>Seed for k-means and forecast simulation. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Months forecast ahead. Default 12.</summary>
    public int ForecastHorizon { get; init; } = 12;

    /// <summary>Months held back for the back-test. Default 12.</summary>
    public int BacktestMonths { get; init; } = 12;

    /// <summary>Fourier harmonics of the 12-month season in the forecast model. Default 1.</summary>
    public int SeasonalHarmonics { get; init; } = 1;

    /// <summary>Simulation draws for prediction intervals. Default 4000.</summary>
    public int ForecastDraws { get; init; } = 4000;
}
