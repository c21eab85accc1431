using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Descriptives;

/// <summary>Repeat victims and suspects are counted by pseudonymised key inside the store; only counts come out, suppressed over their tiling.</summary>
public sealed class RepeatVictimisationTests
{
    /// <summary>Offences per victim key (all in the area, in definition and in the period); suspects all distinct.</summary>
    private static Harness Store(params int[] offencesPerVictim)
    {
        var h = new Harness();
        h.Store.Execute($"DROP TABLE IF EXISTS {AreaHierarchy.Table}; DROP TABLE IF EXISTS police_recorded_crime; DROP TABLE IF EXISTS sv_events");
        h.Store.Execute($"CREATE TABLE {AreaHierarchy.Table} AS SELECT 'E01000001' AS lsoa21_code");
        h.Store.Execute("CREATE TABLE police_recorded_crime (load_id BIGINT, source_row BIGINT, victim_key VARCHAR, suspect_key VARCHAR)");
        h.Store.Execute("CREATE TABLE sv_events (source VARCHAR, source_load_id BIGINT, source_row BIGINT, lsoa21_code VARCHAR, month DATE, in_definition BOOLEAN)");
        var row = 0;
        for (var v = 0; v < offencesPerVictim.Length; v++)
            for (var k = 0; k < offencesPerVictim[v]; k++)
            {
                row++;
                h.Store.Execute($"INSERT INTO police_recorded_crime VALUES (1, {row}, 'V{v:D4}', 'S{row:D5}')");
                h.Store.Execute($"INSERT INTO sv_events VALUES ('police_recorded_crime', 1, {row}, 'E01000001', DATE '2024-06-01', true)");
            }
        // An offence outside the period and one outside the definition never count.
        h.Store.Execute("INSERT INTO police_recorded_crime VALUES (1, 9001, 'V0000', 'S9001'), (1, 9002, 'V0000', 'S9002')");
        h.Store.Execute("INSERT INTO sv_events VALUES ('police_recorded_crime', 1, 9001, 'E01000001', DATE '2023-01-01', true), ('police_recorded_crime', 1, 9002, 'E01000001', DATE '2024-06-01', false)");
        return h;
    }

    private static List<RepeatCount> Compute(Harness h, SuppressionPolicy policy) =>
        RepeatVictimisation.Compute(h.Store, "police_recorded_crime", new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 1), policy);

    [Fact]
    public void People_with_two_or_more_and_three_or_more_offences_are_counted_by_key()
    {
        // 20 victims with one offence, 10 with two, 9 with three and 1 with five.
        using var h = Store([.. Enumerable.Repeat(1, 20), .. Enumerable.Repeat(2, 10), .. Enumerable.Repeat(3, 9), 5]);
        var rows = Compute(h, SuppressionPolicy.Nhs).ToDictionary(r => r.Role);
        var v = rows["victim"];
        Assert.Equal((20L + 20 + 27 + 5, 40L, 20L, 10L), (v.Offences!.Value, v.People!.Value, v.PeopleTwoPlus!.Value, v.PeopleThreePlus!.Value));
        Assert.False(v.Suppressed);
        Assert.Equal((72L, 72L, 0L, 0L), (rows["suspect"].Offences!.Value, rows["suspect"].People!.Value, rows["suspect"].PeopleTwoPlus!.Value, rows["suspect"].PeopleThreePlus!.Value));
    }

    [Fact]
    public void A_small_number_of_repeat_victims_is_hidden_and_the_people_total_cannot_give_it_back()
    {
        // 30 victims with one offence, 2 with three: the 3+ cell is small, so another cell of the tiling hides too.
        using var h = Store([.. Enumerable.Repeat(1, 30), 3, 3]);
        var v = Compute(h, SuppressionPolicy.Nhs).Single(r => r.Role == "victim");
        Assert.True(v.Suppressed);
        Assert.Null(v.PeopleThreePlus);
        Assert.Null(v.PeopleTwoPlus);
        Assert.True(v.People is null || v.PeopleTwoPlus is null);
    }

    [Fact]
    public void Without_keys_or_without_the_force_extract_there_are_no_rows()
    {
        using var h = Store(1, 1, 1);
        Assert.Empty(RepeatVictimisation.Compute(h.Store, "police_street", new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 1), SuppressionPolicy.Nhs));
        h.Store.Execute("UPDATE police_recorded_crime SET victim_key = NULL, suspect_key = ''");
        Assert.Empty(Compute(h, SuppressionPolicy.Nhs));
    }
}
