using NeedsAssessment.Classify;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Classify;

/// <summary>police.uk outcomes files joined to street records by Crime ID, as data.police.uk publishes both.</summary>
public class PoliceUkOutcomeTests
{
    private const string StreetHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private const string OutcomesHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type";
    private const string Force = "North Yorkshire Police,North Yorkshire Police,-1.08,53.96,On or near High Street,E01013348,York 020A";

    // police.uk Crime IDs are 64 hex digits.
    private static readonly string AAA = new('a', 64), BBB = new('b', 64), CCC = new('c', 64), ZZZ = new('f', 64);

    private static List<(string? Outcome, bool? Charged)> Classified(bool withOutcomes)
    {
        using var h = new Harness();
        var street = h.Load("police-street", "2024-01-north-yorkshire-street.csv", $"""
            {StreetHeader}
            {AAA},2024-01,{Force},Violence and sexual offences,Under investigation,
            {BBB},2024-01,{Force},Violence and sexual offences,Unable to prosecute suspect,
            {CCC},2024-01,{Force},Robbery,,
            ,2024-01,{Force},Anti-social behaviour,,

            """);
        if (withOutcomes)
            h.Load("police-outcomes", "2024-03-north-yorkshire-outcomes.csv", $"""
                {OutcomesHeader}
                {AAA},2024-02,{Force},Under investigation
                {AAA},2024-03,{Force},Suspect charged
                {ZZZ},2024-03,{Force},Offender fined

                """);
        Classifier.Run(h.Store);
        Assert.Equal((4L, 0L), (street.RowsLoaded, street.RowsQuarantined));
        // In the street file's record order.
        return h.Store.Query("SELECT outcome, charged FROM sv_events WHERE source = 'police_street' ORDER BY source_row",
            r => (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? (bool?)null : r.GetBoolean(1)));
    }

    [Fact]
    public void A_later_outcome_in_the_outcomes_files_replaces_the_street_files_last_outcome_and_marks_the_charge()
    {
        var e = Classified(withOutcomes: true);
        Assert.Equal(("Suspect charged", (bool?)true), e[0]);
        // No outcome record for bbb: the street file's own category stands.
        Assert.Equal(("Unable to prosecute suspect", (bool?)false), e[1]);
        // Neither file gives an outcome: unknown, not "not charged".
        Assert.Equal(((string?)null, (bool?)null), e[2]);
        Assert.Equal(4, e.Count);
    }

    [Fact]
    public void Without_outcomes_files_the_street_files_last_outcome_is_used()
    {
        var e = Classified(withOutcomes: false);
        Assert.Equal(("Under investigation", (bool?)false), e[0]);
        Assert.Equal(((string?)null, (bool?)null), e[3]);
    }
}
