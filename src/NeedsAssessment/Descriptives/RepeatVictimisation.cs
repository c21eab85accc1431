using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Descriptives;

/// <summary>A row of <c>descriptive_repeat</c>: people (by pseudonymised key) with serious violence offences in the headline period.</summary>
public sealed record RepeatCount(long Position, string Role, long? Offences, long? People, long? PeopleTwoPlus, long? PeopleThreePlus, bool Suppressed, string? Note);

/// <summary>
/// Repeat victimisation and repeat suspects from the force extract's optional pseudonymised keys (<c>victim_key</c>,
/// <c>suspect_key</c>): how many people were the victim (or suspect) of one, two, and three or more in-definition
/// offences in the area in the headline period. The keys are quasi-identifiers: they are read here, inside the store,
/// and only these counts leave it. People with exactly one, exactly two and three or more offences tile the people
/// counted, so they are suppressed as cells of that total through <see cref="DescriptiveSuppression"/>.
/// </summary>
internal static class RepeatVictimisation
{
    /// <summary>Table name.</summary>
    public const string Table = "descriptive_repeat";

    private static readonly (string Role, string Column)[] Roles = [("victim", "victim_key"), ("suspect", "suspect_key")];

    public static List<RepeatCount> Compute(AssessmentStore store, string policeSource, DateOnly start, DateOnly end, SuppressionPolicy policy)
    {
        const string crime = "police_recorded_crime";
        if (policeSource != crime || !store.TableExists(crime)) return [];
        var columns = store.Columns(crime).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var rows = new List<RepeatCount>();
        foreach (var (role, column) in Roles.Where(r => columns.Contains(r.Column)))
        {
            var (offences, one, two, three) = store.Query($"""
                WITH k AS (
                    SELECT nullif(trim(p.{column}), '') AS person
                    FROM sv_events e JOIN {crime} p ON p.load_id = e.source_load_id AND p.source_row = e.source_row
                    WHERE e.source = '{crime}' AND e.in_definition AND {AreaHierarchy.InArea("e.lsoa21_code")}
                      AND e.month BETWEEN DATE '{start:yyyy-MM-dd}' AND DATE '{end:yyyy-MM-dd}'),
                n AS (SELECT person, count(*) AS offences FROM k WHERE person IS NOT NULL GROUP BY 1)
                SELECT (SELECT count(*) FROM k WHERE person IS NOT NULL)::BIGINT,
                    count(*) FILTER (WHERE offences = 1)::BIGINT, count(*) FILTER (WHERE offences = 2)::BIGINT, count(*) FILTER (WHERE offences >= 3)::BIGINT
                FROM n
                """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))).Single();
            if (offences == 0) continue;
            var people = one + two + three;
            var cells = new List<DescriptiveCell>
            {
                new("cell", "1", one), new("cell", "2", two), new("cell", "3+", three), new("total", "all", people),
            };
            var nesting = new Dictionary<(string, string), Dictionary<string, string>> { [("cell", "total")] = new() { ["1"] = "all", ["2"] = "all", ["3+"] = "all" } };
            var hidden = DescriptiveSuppression.Hidden($"{Table}_{role}", cells, nesting, policy);
            var offencesHidden = DescriptiveSuppression.Each($"{Table}_{role}_offences", [offences], policy)[0];
            var any = hidden.Any(h => h) || offencesHidden;
            rows.Add(new RepeatCount(rows.Count, role, offencesHidden ? null : offences, hidden[3] ? null : people,
                hidden[1] || hidden[2] ? null : two + three, hidden[2] ? null : three, any, any ? "Some counts not shown: small numbers." : null));
        }
        return rows;
    }
}
