using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class CohortFlagTests
{
    [Fact]
    public void VawgIsUnknownWhereTheSourceCannotShowDomesticAbuseOrSexualViolence()
    {
        using var store = NewStore();
        Street(store, 1, "Violence and sexual offences");
        Ed(store, 2, "body_part", sex: "F");
        Admission(store, 3, "Y05", sex: "F");
        Classifier.Run(store);
        Assert.Null(Event(store, "police_street", 1)["vawg"]);
        Assert.Null(Event(store, "health_ed_assault", 2)["vawg"]);
        Assert.Equal(true, Event(store, "health_admission", 3)["vawg"]);
    }

    [Fact]
    public void VawgCoversSexualViolenceAndFemaleVictimsOfDomesticAbuseOrStalkingButNotMaleVictims()
    {
        using var store = NewStore();
        Crime(store, 1, "20A", sex: "M");                          // sexual violence, any sex
        Crime(store, 2, "8N", sex: "F", domesticAbuse: true);      // female DA victim
        Crime(store, 3, "8Q", sex: "F");                           // stalking, female victim
        Crime(store, 4, "8N", sex: "M", domesticAbuse: true);      // male DA victim
        Crime(store, 5, "8N", sex: "F");                           // female, not DA, not stalking
        Classifier.Run(store);
        var vawg = store.Query("SELECT source_row, vawg FROM sv_events ORDER BY source_row", r => r.GetBoolean(1));
        Assert.Equal([true, true, true, false, false], vawg);
    }

    [Fact]
    public void WeaponAgeAndPlaceFlagsComeFromEachSourcesOwnFields()
    {
        using var store = NewStore();
        Crime(store, 1, "5D", weapon: "knife_or_sharp_instrument", ageBand: "10-17", location: "public_place", nte: true, hate: "race|religion");
        Ed(store, 2, "firearm", location: "licensed_premises", ageBand: "18-24");
        Admission(store, 3, "Y04", ageBand: "20-24");
        Admission(store, 4, "Y00", ageBand: "25-29");
        Ambulance(store, 5, ageBand: "unknown");
        Classifier.Run(store);

        var crime = Event(store, "police_recorded_crime", 1);
        Assert.Equal((true, true, false, true, true, true, true), ((bool?)crime["knife"], (bool?)crime["weapon_enabled"], (bool?)crime["firearm"],
            (bool?)crime["victim_under25"], (bool?)crime["public_place"], (bool?)crime["night_time_economy"], (bool?)crime["hate"]));
        Assert.Equal("race|religion", crime["hate_strands"]);
        var ed = Event(store, "health_ed_assault", 2);
        Assert.Equal((true, false, true, true, true), ((bool?)ed["firearm"], (bool?)ed["knife"], (bool?)ed["victim_under25"], (bool?)ed["public_place"], (bool?)ed["night_time_economy"]));
        Assert.Null(ed["domestic_abuse"]); // ED data cannot say, so it is unknown rather than false
        Assert.Equal(true, Event(store, "health_admission", 3)["victim_under25"]);
        Assert.Equal(false, Event(store, "health_admission", 4)["victim_under25"]);
        Assert.Equal(true, Event(store, "health_admission", 4)["weapon_enabled"]);
        Assert.Null(Event(store, "ambulance_assault", 5)["victim_under25"]);
    }

    [Fact]
    public void Spiking_comes_from_the_offence_subcode_written_with_or_without_leading_zeros_and_is_unknown_without_one()
    {
        using var store = NewStore();
        Crime(store, 1, "88C");   // administering a substance with intent, 088/05
        Crime(store, 2, "8N");    // administering poison with intent to injure, 8/2
        Crime(store, 3, "8N");    // another offence under 8N
        Crime(store, 4, "8N");    // no subcode: spiking cannot be told from the classification code
        Crime(store, 5, "5E");    // a subcode the reference data does not list as spiking
        store.Execute("""
            UPDATE police_recorded_crime SET ho_offence_subcode = CASE source_row WHEN 1 THEN '088/05' WHEN 2 THEN '8/2' WHEN 3 THEN '008/01' WHEN 5 THEN '5/99' END,
                suspect_age_band = CASE source_row WHEN 1 THEN '18-24' ELSE 'unknown' END
            """);
        Classifier.Run(store);
        var spiking = store.Query("SELECT source_row, spiking FROM sv_events ORDER BY source_row", r => r.IsDBNull(1) ? (bool?)null : r.GetBoolean(1));
        Assert.Equal([true, true, false, null, false], spiking);
        Assert.Equal("18-24", Event(store, "police_recorded_crime", 1)["suspect_age_band"]);
        Street(store, 6, "Violence and sexual offences");
        Classifier.Run(store);
        Assert.Null(Event(store, "police_street", 6)["spiking"]);
    }

    [Fact]
    public void MonthIsTheFirstDayOfTheRecordsMonthForEverySource()
    {
        using var store = NewStore();
        Crime(store, 1, "8N", recorded: "2024-03-15");
        Ed(store, 2, "body_part");
        Admission(store, 3, "Y04");
        Ambulance(store, 4);
        Street(store, 5, "Robbery");
        Classifier.Run(store);
        var months = store.Query("SELECT source, strftime(month, '%Y-%m-%d') FROM sv_events ORDER BY source", r => (r.GetString(0), r.GetString(1)));
        Assert.Equal([("ambulance_assault", "2024-01-01"), ("health_admission", "2024-02-01"), ("health_ed_assault", "2024-03-01"),
            ("police_recorded_crime", "2024-03-01"), ("police_street", "2024-03-01")], months);
    }
}
