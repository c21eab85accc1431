using NeedsAssessment.Store;

namespace NeedsAssessment.Classify;

/// <summary>
/// The one rule for which police source counts. A force's recorded crime extract and data.police.uk's street-level
/// files publish the same crimes, so adding them would double every police event: when <c>sv_events</c> holds any
/// police recorded crime, that source counts (it carries Home Office offence codes, exact times and locations);
/// police.uk street crime counts only when there is no force extract. Indicators, hot spots, the model, the report
/// and the notebooks all ask here.
/// </summary>
public static class PoliceSource
{
    /// <summary>Why only one police source is counted, for messages and parameter files.</summary>
    public const string Reason = "the two police sources publish the same crimes, so counting both would double them";

    /// <summary>The police source that counts in this store: police recorded crime when classified events hold any, else police.uk street crime.</summary>
    /// <param name="store">A store with (or without) <c>sv_events</c>.</param>
    public static string Counted(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        // sv_event_codes has a row for every (source, code) the events carry: asking it is the same question without
        // reading the view's join of every record (a national year of police.uk alone has none to find).
        var table = store.TableExists("sv_event_codes") ? "sv_event_codes" : "sv_events";
        return store.TableExists("sv_events") &&
               store.Scalar($"SELECT EXISTS (SELECT 1 FROM {table} WHERE source = {AssessmentStore.Literal(ClassificationSources.PoliceRecordedCrime)})") is true
            ? ClassificationSources.PoliceRecordedCrime
            : ClassificationSources.PoliceStreet;
    }

    /// <summary>The police source left out when <paramref name="counted"/> counts.</summary>
    public static string LeftOut(string counted) =>
        counted == ClassificationSources.PoliceRecordedCrime ? ClassificationSources.PoliceStreet : ClassificationSources.PoliceRecordedCrime;

    /// <summary>True for either police source.</summary>
    public static bool IsPolice(string source) =>
        source is ClassificationSources.PoliceRecordedCrime or ClassificationSources.PoliceStreet;

    /// <summary>
    /// The sources to count from <paramref name="available"/>: every non-police source, and of the police sources only
    /// <paramref name="counted"/>.
    /// </summary>
    public static IReadOnlyList<string> Filter(IEnumerable<string> available, string counted) =>
        available.Where(s => !IsPolice(s) || s == counted).ToList();
}
