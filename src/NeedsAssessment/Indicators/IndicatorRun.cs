namespace NeedsAssessment.Indicators;

/// <summary>What <see cref="IndicatorEngine.Compute"/> did: rows written and the choices made.</summary>
/// <param name="RunId">Row of <c>indicator_runs</c> recording this run.</param>
/// <param name="Rows">Rows written to <c>indicator_values</c>.</param>
/// <param name="IndicatorIds">Indicators computed.</param>
/// <param name="Levels">Levels computed.</param>
/// <param name="PeriodTypes">Period types computed.</param>
/// <param name="PopulationSource">population_syoa, population (census six groups, approximated bands) or none.</param>
/// <param name="PoliceSource">The police source the <c>police</c> filter selects.</param>
/// <param name="Messages">Automatic choices and warnings, in the order made.</param>
public sealed record IndicatorRun(
    long RunId,
    long Rows,
    IReadOnlyList<string> IndicatorIds,
    IReadOnlyList<string> Levels,
    IReadOnlyList<string> PeriodTypes,
    string PopulationSource,
    string PoliceSource,
    IReadOnlyList<string> Messages);
