namespace NeedsAssessment.Indicators;

/// <summary>
/// One indicator of the catalogue (<c>data-schemas/indicators/catalogue.yaml</c>): what is counted, over which
/// denominator, by which statistic, and at which geography levels and period types. Settable so that YAML maps
/// onto it; treat a loaded definition as read-only.
/// </summary>
public sealed class IndicatorDefinition
{
    /// <summary>Stable identifier, e.g. <c>sv_rate</c>; the <c>indicator_id</c> of its output rows.</summary>
    public string Id { get; set; } = "";

    /// <summary>Human-readable name including the unit, e.g. "Serious violence offences per 1,000 residents".</summary>
    public string Name { get; set; } = "";

    /// <summary>prevalence, severity or impact: the Serious Violence Duty's section 13 considerations.</summary>
    public string Domain { get; set; } = "";

    /// <summary>
    /// How a value above the benchmark reads: <c>higher_is_worse</c>, <c>higher_is_better</c> or <c>no_judgement</c>
    /// (see <see cref="IndicatorPolarity"/>); empty in a catalogue that does not say, read as no judgement.
    /// </summary>
    public string Polarity { get; set; } = "";

    /// <summary>The statistic (see <see cref="IndicatorMethods"/>).</summary>
    public string Method { get; set; } = "";

    /// <summary>What is counted or summed; null for measures built on <see cref="Base"/>.</summary>
    public NumeratorSpec? Numerator { get; set; }

    /// <summary>What the count is divided by; null when the method needs none (mean, severity_volume).</summary>
    public DenominatorSpec? Denominator { get; set; }

    /// <summary>Id of the indicator whose numerator and denominator a distribution or inequality measure uses.</summary>
    public string? Base { get; set; }

    /// <summary>Scale of the value: 1000 = per 1,000, 100 = percentage.</summary>
    public double Multiplier { get; set; } = 1;

    /// <summary>Geography levels the indicator is defined at (see <see cref="IndicatorLevels"/>).</summary>
    public List<string> Levels { get; set; } = [];

    /// <summary>Period types the indicator is defined for (see <see cref="PeriodTypes"/>).</summary>
    public List<string> Periods { get; set; } = [];

    /// <summary>False when the count is of areas rather than people or events, so small-number suppression does not apply.</summary>
    public bool Disclosive { get; set; } = true;

    /// <summary>top_share: fraction of LSOAs, ranked by harm, whose share is reported (0.05 = top 5%).</summary>
    public double TopFraction { get; set; } = 0.05;

    /// <summary>repeat_locations: minimum number of events for an LSOA to count as a repeat location.</summary>
    public int Threshold { get; set; } = 10;

    /// <summary>convergence: number of components in whose top decile an LSOA must lie.</summary>
    public int MinSources { get; set; } = 2;

    /// <summary>convergence: one event filter per source compared.</summary>
    public List<string> Components { get; set; } = [];
}

/// <summary>The numerator of an indicator.</summary>
public sealed class NumeratorSpec
{
    /// <summary><c>events</c> (sv_events through the <c>ind_events</c> view) or <c>justice_cohort</c>.</summary>
    public string Table { get; set; } = "events";

    /// <summary>SQL condition over <c>ind_events</c> selecting the events counted; null counts every event.</summary>
    public string? Filter { get; set; }

    /// <summary><c>count</c>, or a numeric column or expression summed as a harm weight.</summary>
    public string Sum { get; set; } = "count";

    /// <summary>justice_cohort only: the <c>cohort_kind</c> read.</summary>
    public string? CohortKind { get; set; }
}

/// <summary>The denominator of an indicator: a population band, an event filter, or a justice cohort.</summary>
public sealed class DenominatorSpec
{
    /// <summary>Population band (see <see cref="PopulationBands"/>); the denominator is population × years of the period.</summary>
    public string? Population { get; set; }

    /// <summary>Event filter for proportions and count ratios.</summary>
    public string? Filter { get; set; }

    /// <summary>justice_cohort only: use the cohort's own denominator column.</summary>
    public bool Cohort { get; set; }
}
