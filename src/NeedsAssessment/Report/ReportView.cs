using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// Everything the report, workbook and charts draw, read through the stages' typed readers: the indicator stage's
/// published (suppressed) rows, the descriptives stage's tables, the store's load status and the boundaries for maps.
/// No SQL over events or input tables, no statistic and no suppression happens here or downstream.
/// </summary>
internal sealed class ReportView
{
    public required DescriptiveResults Descriptives { get; init; }

    /// <summary>The indicator stage's rows as published (<c>indicator_values_export</c>): suppression already applied.</summary>
    public required IReadOnlyList<IndicatorValue> Indicators { get; init; }

    public required IReadOnlyList<KindStatus> Status { get; init; }

    public required IReadOnlyList<AreaBoundary> Boundaries { get; init; }

    /// <summary>The area stage's place names for the maps (<c>area_places</c>); empty when it has not written them.</summary>
    public IReadOnlyList<AreaPlace> Places { get; init; } = [];

    public DescriptivePeriod Period => Descriptives.Period;

    public string PartnershipName => Period.PartnershipName;

    /// <summary>The indicator stage's headline period.</summary>
    public ReportingPeriod Headline => new(Period.PeriodType, Period.PeriodStart, Period.PeriodEnd);

    public string Label => ReportFormat.Period(Period.PeriodStart, Period.PeriodEnd);

    public string PreviousLabel => Period.PreviousStart is { } s && Period.PreviousEnd is { } e ? ReportFormat.Period(s, e) : "";

    /// <summary>What the headline period is, in words; a part year says so: its counts cover the part year, its rates are per resident a year (the indicator stage divides by person-years).</summary>
    public string Description => Period.PeriodType switch
    {
        PeriodTypes.Rolling12Months => "the latest 12 months of police data",
        PeriodTypes.FinancialYear => "the latest financial year with police data in every month",
        PeriodTypes.Quarter => "the latest quarter with police data in every month; a part year, so counts cover three months, while rates are per resident a year (residents x a quarter of a year) and compare with annual figures",
        PeriodTypes.Month => "the latest month with police data; a part year, so counts cover one month, while rates are per resident a year (residents x a twelfth of a year) and compare with annual figures",
        _ => $"the indicator stage's {ReportFormat.Words(Period.PeriodType)} period",
    };

    public string PreviousDescription => Period.PeriodType switch
    {
        PeriodTypes.Rolling12Months => "the previous 12 months",
        PeriodTypes.FinancialYear => "the previous financial year",
        PeriodTypes.Quarter => "the previous quarter",
        _ => "the previous month",
    };

    /// <summary>The small-number rule the stages applied, for the text that explains hidden cells.</summary>
    public SmallNumberRule Rule => new(Period.Suppression, Period.HideFrom, Period.HideTo);

    /// <summary>"Synthshire overall" for "Synthshire Community Safety Partnership": short enough for a column heading or a legend.</summary>
    public string PartnershipShort
    {
        get
        {
            var name = PartnershipName;
            foreach (var suffix in new[] { " Community Safety Partnership", " Community Safety Partnerships", " CSP", " Partnership" })
                if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length) { name = name[..^suffix.Length]; break; }
            return name + " overall";
        }
    }

    /// <summary>
    /// Offence codes in this assessment's records whose maximum penalty has no source yet (classification's
    /// <c>sv_penalty_recall</c>); named without their counts, which would be small numbers.
    /// </summary>
    public IReadOnlyList<Classify.PenaltyRecallCode> PenaltyRecall { get; init; } = [];

    /// <summary>The partnership's districts, as the indicator stage names them.</summary>
    public IReadOnlyList<(string Code, string Name)> Districts =>
        Indicators.Where(i => i.Level == "district").Select(i => (i.AreaCode, i.AreaName ?? i.AreaCode)).Distinct()
            .OrderBy(d => d.AreaCode, StringComparer.Ordinal).ToList();

    /// <summary>LSOA names, from the indicator stage's LSOA rows and the boundary file.</summary>
    public IReadOnlyDictionary<string, string> AreaNames
    {
        get
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var b in Boundaries) names.TryAdd(b.Code, b.Name);
            foreach (var i in Indicators.Where(i => i.Level == "lsoa" && i.AreaName is not null)) names.TryAdd(i.AreaCode, i.AreaName!);
            return names;
        }
    }

    /// <summary>Rows of one indicator at the headline period, at one level.</summary>
    public IEnumerable<IndicatorValue> AtHeadline(string indicatorId, string level) =>
        Indicators.Where(i => i.IndicatorId == indicatorId && i.Level == level && i.PeriodType == Period.PeriodType && i.PeriodStart == Period.PeriodStart && i.PeriodEnd == Period.PeriodEnd);

    /// <summary>Reads the view; the suppression asked for must be the one the stages published under.</summary>
    /// <exception cref="UserErrorException">A stage has not run, or ran under another suppression policy.</exception>
    public static ReportView Load(AssessmentStore store, ReportOptions options)
    {
        if (!store.TableExists(IndicatorTable.ExportName))
            throw new UserErrorException($"Store '{store.Path}' has no published indicator values. Run the indicator stage first ('needs-assessment run', or 'needs-assessment indicators --db {store.Path}').");
        var d = DescriptiveResults.Read(store);
        var asked = options.Suppression;
        if (asked.Name != d.Period.Suppression || asked.HideFrom != d.Period.HideFrom || asked.HideTo != d.Period.HideTo)
            throw new UserErrorException($"The results in '{store.Path}' were suppressed under '{d.Period.Suppression}' ({d.Period.HideFrom}-{d.Period.HideTo}), not '{asked.Name}'. Run the assessment again with suppression: {asked.Name} so every table is suppressed once, under one policy.");
        return new ReportView
        {
            Descriptives = d,
            Indicators = IndicatorValue.Read(store, new IndicatorFilter { Table = IndicatorTable.ExportName }),
            Status = StoreStatus.Read(store),
            Boundaries = AreaBoundaries.Read(store),
            Places = AreaPlaces.Read(store),
            PenaltyRecall = Classify.PenaltyRecallCode.Read(store),
        };
    }
}
