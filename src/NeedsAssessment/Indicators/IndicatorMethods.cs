namespace NeedsAssessment.Indicators;

/// <summary>Names of the statistics an indicator can use (the catalogue's <c>method</c>).</summary>
public static class IndicatorMethods
{
    /// <summary>Count / (population × years) × multiplier; exact Poisson limits below 10, Byar's otherwise (<see cref="Statistics.CrudeRate"/>).</summary>
    public const string CrudeRate = "crude_rate";

    /// <summary>Σ harm weight / (population × years) × multiplier; Dobson limits for a weighted sum of Poisson counts.</summary>
    public const string HarmRate = "harm_rate";

    /// <summary>Mean harm weight per event; normal-approximation limits.</summary>
    public const string Mean = "mean";

    /// <summary>Events meeting the numerator among those meeting the denominator; Wilson limits (<see cref="Statistics.WilsonProportion"/>).</summary>
    public const string Proportion = "proportion";

    /// <summary>Directly standardised rate on the ESP 2013 (<see cref="Statistics.DirectlyStandardisedRate"/>).</summary>
    public const string Dsr = "dsr";

    /// <summary>Ratio of two event counts; limits from the conditional binomial proportion.</summary>
    public const string CountRatio = "count_ratio";

    /// <summary>Share of harm in the top fraction of LSOAs.</summary>
    public const string TopShare = "top_share";

    /// <summary>Gini coefficient across LSOAs (<see cref="Statistics.GiniCoefficient"/>).</summary>
    public const string Gini = "gini";

    /// <summary>Most / least deprived quintile rate ratio; log-normal limits.</summary>
    public const string RateRatio = "rate_ratio";

    /// <summary>Slope index of inequality across IMD deciles (<see cref="Statistics.SlopeIndexOfInequality"/>).</summary>
    public const string Sii = "sii";

    /// <summary>Relative index of inequality across IMD deciles.</summary>
    public const string Rii = "rii";

    /// <summary>Share of LSOAs with at least a threshold number of events.</summary>
    public const string RepeatLocations = "repeat_locations";

    /// <summary>LSOAs in the top decile of rate in several sources.</summary>
    public const string Convergence = "convergence";

    /// <summary>Share of harm / share of volume per offence subgroup.</summary>
    public const string SeverityVolume = "severity_volume";

    /// <summary>Every method name.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CrudeRate, HarmRate, Mean, Proportion, Dsr, CountRatio, TopShare, Gini, RateRatio, Sii, Rii, RepeatLocations, Convergence, SeverityVolume];

    /// <summary>Methods computed from LSOA-level values of a <c>base</c> indicator.</summary>
    public static IReadOnlyList<string> BaseMethods { get; } = [TopShare, Gini, RateRatio, Sii, Rii, RepeatLocations];
}
