namespace NeedsAssessment.Tests.Ingest;

/// <summary>
/// Issue 20, part 5: rows that are consistent one by one but not with each other. Before, a repeated cohort row
/// doubled youth first-time entrants, a period ending before it started loaded (and crashed the indicators), a repeated
/// (LSOA, age group) doubled a population, and a Total contradicting its ages was accepted.
/// </summary>
public class CrossRowCheckTests
{
    private static Dictionary<string, string> Cohort(string area = "E08000001", string start = "2023-04-01", string end = "2024-03-31", string count = "12") =>
        Fixture.Set(("geography_code", area), ("cohort_kind", "youth_first_time_entrants"), ("age_band", "10-17"), ("sex", "all"),
            ("period_start", start), ("period_end", end), ("count", count), ("denominator", "5000"));

    [Fact]
    public void An_exact_repeat_of_a_cohort_row_is_quarantined_so_the_cohort_counts_once()
    {
        using var h = new Harness();
        var r = h.Load("justice-cohort", "fte.csv", Fixture.Csv("justice-cohort", Cohort(), Cohort("E08000002"), Cohort()));

        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal((3L, "duplicate-row"), (q.Record, q.Rule));
        Assert.Equal("repeats record 1 exactly (same 'Geography Code', 'Cohort Kind', 'Age Band', 'Sex', 'Period Start', 'Period End'): quarantined so it is counted once", q.Message);
        Assert.Equal(24L, h.Count("SELECT sum(count) FROM justice_cohort"));
    }

    [Fact]
    public void Cohort_rows_that_disagree_are_all_quarantined_naming_the_records()
    {
        using var h = new Harness();
        var r = h.Load("justice-cohort", "fte.csv", Fixture.Csv("justice-cohort", Cohort(count: "12"), Cohort("E08000002"), Cohort(count: "15")));

        Assert.Equal((3L, 1L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.All(h.Quarantine(r.LoadId), q => Assert.Equal("conflicting-rows", q.Rule));
        Assert.StartsWith("records 1, 3 give different values for the same 'Geography Code'", h.Quarantine(r.LoadId)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_cohort_in_a_second_file_is_quarantined_as_already_loaded()
    {
        using var h = new Harness();
        h.Load("justice-cohort", "fte-a.csv", Fixture.Csv("justice-cohort", Cohort()));
        var r = h.Load("justice-cohort", "fte-b.csv", Fixture.Csv("justice-cohort", Cohort(), Cohort("E08000002")));

        Assert.Equal((2L, 1L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal("already-loaded", q.Rule);
        Assert.Contains("was already loaded from fte-a.csv (load ", q.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_quarantined()
    {
        using var h = new Harness();
        var r = h.Load("justice-cohort", "fte.csv", Fixture.Csv("justice-cohort", Cohort(), Cohort("E08000002", start: "2024-04-01", end: "2023-03-31")));

        Assert.Equal((2L, 1L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal(("period-order", "Period End"), (q.Rule, q.Column));
        Assert.Equal("'Period End' 2023-03-31 is before 'Period Start' 2024-04-01: the period runs backwards; correct the dates (or swap the columns if they are the wrong way round)", q.Message);
    }

    [Fact]
    public void Overlapping_periods_of_one_cohort_are_kept_and_reported()
    {
        using var h = new Harness();
        var r = h.Load("justice-cohort", "fte.csv", Fixture.Csv("justice-cohort", Cohort(), Cohort(start: "2023-07-01", end: "2024-06-30")));

        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains("1 pair(s) of rows give overlapping periods for the same cohort (first: records 1 and 2)", string.Join(" ", r.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cohort_period_overlapping_one_loaded_from_another_file_is_kept_and_reported()
    {
        using var h = new Harness();
        h.Load("justice-cohort", "fte-2023.csv", Fixture.Csv("justice-cohort", Cohort()));
        var r = h.Load("justice-cohort", "fte-rolling.csv", Fixture.Csv("justice-cohort", Cohort(start: "2023-07-01", end: "2024-06-30"), Cohort("E08000002")));

        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains("1 row(s) give periods overlapping those of the same cohort already loaded from fte-2023.csv (first: record 1, 2023-07-01 to 2024-06-30, overlaps 2023-04-01 to 2024-03-31 of load 1)",
            string.Join(" ", r.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void An_annual_total_overlapping_quarters_by_sex_is_reported_but_a_total_beside_its_own_breakdown_is_not()
    {
        using var h = new Harness();
        Dictionary<string, string> Row(string sex, string start, string end, string count) =>
            Fixture.Set(("geography_code", "E08000001"), ("cohort_kind", "youth_first_time_entrants"), ("age_band", "10-17"), ("sex", sex),
                ("period_start", start), ("period_end", end), ("count", count), ("denominator", ""));
        var alone = h.Load("justice-cohort", "q1.csv", Fixture.Csv("justice-cohort",
            Row("all", "2023-04-01", "2023-06-30", "5"), Row("F", "2023-04-01", "2023-06-30", "2"), Row("M", "2023-04-01", "2023-06-30", "3")));
        Assert.DoesNotContain(alone.Notes, n => n.Contains("overlapping", StringComparison.Ordinal));

        var r = h.Load("justice-cohort", "annual.csv", Fixture.Csv("justice-cohort", Row("all", "2023-04-01", "2024-03-31", "20")));
        Assert.Contains(r.Notes, n => n.StartsWith("1 row(s) give periods overlapping those of the same cohort already loaded from q1.csv (first: record 1, 2023-04-01 to 2024-03-31, overlaps 2023-04-01 to 2023-06-30 of load 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repeated_lsoa_and_age_group_is_quarantined_so_the_population_counts_once()
    {
        using var h = new Harness();
        var row = Fixture.Set(("lsoa21_code", "E01000001"), ("lsoa21_name", "York 001A"), ("age_group", "Aged 16 to 24 years"), ("usual_residents", "250"));
        var r = h.Load("population", "pop.csv", Fixture.Csv("population", row, null, row));

        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal("duplicate-row", Assert.Single(h.Quarantine(r.LoadId)).Rule);
    }

    [Fact]
    public void A_total_that_contradicts_its_age_columns_is_quarantined_with_both_figures()
    {
        using var h = new Harness();
        // Fixture rows have every single-year column at 10 + row, so row 1's ages add up to 182 x 11 = 2,002.
        var r = h.Load("population-syoa", "syoa.csv", Fixture.Csv("population-syoa", Fixture.Set(("total", "2500")), null));

        Assert.Equal((2L, 1L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal(("total-mismatch", "Total", "2500"), (q.Rule, q.Column, q.RawValue));
        Assert.Equal("'Total' 2500 is not the sum of 'F0' to 'M90' (182 columns), which add up to 2002: the row contradicts itself, so neither figure is used; correct the total or the parts", q.Message);
    }

    [Fact]
    public void The_synthetic_countys_population_and_cohort_files_pass_every_cross_row_rule()
    {
        using var h = new Harness();
        // The session's one-year county of seed 7 (the pipeline tests' county), generated once and only read here.
        var data = SharedDemo.County(seed: 7, years: 1);
        string[] rules = ["duplicate-row", "conflicting-rows", "already-loaded", "period-order", "total-mismatch"];
        var loaded = 0;
        foreach (var kind in new[] { "population", "population-syoa", "population-total", "justice-cohort" })
            foreach (var file in data.FilesByKind.GetValueOrDefault(kind, []))
            {
                var r = h.Ingester.Load(kind, file);
                loaded++;
                Assert.DoesNotContain(h.Quarantine(r.LoadId), q => rules.Contains(q.Rule));
            }
        Assert.True(loaded >= 2);
    }
}
