using NeedsAssessment.Store;

namespace NeedsAssessment.Spatial;

/// <summary>An event the hot spot stage places on its grid: British National Grid metres and the month.</summary>
public sealed record HotspotEvent(SpatialPoint Point, DateOnly Month);

/// <summary>
/// An LSOA as the hot spot stage's area methods see it: its population-weighted centroid, its serious violence count
/// in the main period (split 2011 codes apportioned) and its residents.
/// </summary>
public sealed record HotspotArea(string Lsoa21Code, SpatialPoint Centroid, double Count, double Residents)
{
    /// <summary>Serious violence per 1,000 residents in the main period.</summary>
    public double RatePer1000 => Count * 1000.0 / Residents;
}

/// <summary>What the hot spot stage analyses, read exactly as the stage reads it.</summary>
/// <param name="Period">The main period (the latest twelve months with events unless set).</param>
/// <param name="Events">Every event with coordinates that the filter keeps, in every month (not only the main period).</param>
/// <param name="Areas">LSOAs with a centroid and residents, with their counts in <paramref name="Period"/>; empty without population.</param>
/// <param name="Filter">Sources, categories and the police source left out, as recorded in the parameters file.</param>
/// <param name="PopulationSource">Which population table gave the residents.</param>
public sealed record HotspotInputData(
    MonthPeriod Period, IReadOnlyList<HotspotEvent> Events, IReadOnlyList<HotspotArea> Areas, HotspotFilterParameters Filter, string PopulationSource)
{
    /// <summary>The events of one period.</summary>
    public IReadOnlyList<SpatialPoint> PointsIn(MonthPeriod period) =>
        Events.Where(e => e.Month >= period.From && e.Month <= period.To).Select(e => e.Point).ToList();
}

/// <summary>
/// The hot spot stage's own reader of its inputs, for notebooks that redo a method by hand: the same source rule (one
/// police source, never both), the same in-definition filter and the same LSOA counts and population, so a by-hand
/// result can be compared with the stage's and nothing is counted twice.
/// </summary>
public static class HotspotInputs
{
    /// <summary>Reads the events and LSOA counts the hot spot stage would analyse under <paramref name="options"/>.</summary>
    /// <param name="store">Store after classification.</param>
    /// <param name="options">The stage's options; defaults when null (as <see cref="HotspotAnalysis.Run"/>).</param>
    /// <exception cref="UserErrorException">No sv_events, no events matching the filters, or invalid options.</exception>
    public static HotspotInputData Read(AssessmentStore store, HotspotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var o = options ?? new HotspotOptions();
        HotspotAnalysis.Validate(o);
        if (!store.TableExists("sv_events")) throw new UserErrorException("The store has no sv_events table: run classification first.");
        var filter = HotspotAnalysis.BuildFilter(store, o);
        var period = o.Period ?? HotspotAnalysis.DefaultPeriod(store, filter.Sql);
        var first = HotspotAnalysis.MonthOrNull(store.ScalarOrNull($"SELECT min(month) FROM sv_events WHERE {filter.Sql}")) ?? period.From;
        var all = new MonthPeriod(first < period.From ? first : period.From, period.To);
        var events = HotspotAnalysis.LoadPoints(store, filter.Sql, [all])
            .Select(p => new HotspotEvent(p.Point, MonthPeriod.FromIndex(p.Month))).ToList();
        var population = HotspotAnalysis.LoadPopulation(store);
        var areas = HotspotAnalysis.LoadAreaCounts(store, filter, period, population)
            .Select(a => new HotspotArea(a.Code, new SpatialPoint(a.X, a.Y), a.Count, a.Population)).ToList();
        return new HotspotInputData(period, events, areas, filter.Parameters, population.Source);
    }
}
