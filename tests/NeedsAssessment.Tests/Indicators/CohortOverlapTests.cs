using NeedsAssessment.Indicators;
using static NeedsAssessment.Tests.Indicators.IndicatorFixture;
using static NeedsAssessment.Tests.Indicators.IndicatorTestHelpers;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>
/// Issue 20, part 5: justice cohort rows whose periods overlap are kept at ingest (rolling periods are legitimate) but
/// an indicator period long enough to hold several of them must count each span once. Before, a financial year holding
/// a district's four quarters and its annual row added all five (youth first-time entrants counted twice), overlapping
/// half-years of a reoffending cohort were added into one proportion, and a year and its first quarter (same start)
/// merged into one cohort-period row.
/// </summary>
public sealed class CohortOverlapTests
{
    private const string Rule = "kept first: the longer period, then the earlier load, then the later end";

    [Fact]
    public void A_financial_year_holding_quarters_and_an_annual_row_counts_the_annual_row_once()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute($"""
            INSERT INTO justice_cohort (load_id, source_row, period_start, period_end, geography_code, cohort_kind, age_band, sex, count) VALUES
            (6, 1, DATE '2023-04-01', DATE '2023-06-30', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 1),
            (6, 2, DATE '2023-07-01', DATE '2023-09-30', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 1),
            (6, 3, DATE '2023-10-01', DATE '2023-12-31', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 1),
            (6, 4, DATE '2024-01-01', DATE '2024-03-31', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 1),
            (7, 1, DATE '2023-04-01', DATE '2024-03-31', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 5);
            """);
        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["youth_fte_rate"] });

        var year = One(f.Store, "youth_fte_rate", IndicatorLevels.District, D2);
        Assert.Equal(5, year.Count); // the annual row, not annual + quarters (9)
        Near(5 / 300.0 * 100_000, year.Value, 1e-6, "rate per 100,000 a year");
        Assert.Equal($"overlapping cohort periods counted once: 4 cohort periods left out ({Rule})", year.Note);
        Assert.Equal(5, One(f.Store, "youth_fte_rate", IndicatorLevels.District, D2, PeriodTypes.Rolling12Months).Count);

        // Each cohort period shows its own row; the first quarter shares the year's start, so it is not a period of its
        // own (one row per period type and start), and the run says so.
        var own = IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "youth_fte_rate", Level = IndicatorLevels.District, AreaCode = D2, PeriodType = PeriodTypes.CohortPeriod })
            .OrderBy(r => r.PeriodStart).ToList();
        Assert.Equal([(FyStart, new DateOnly(2024, 3, 31), 5L), (new(2023, 7, 1), new(2023, 9, 30), 1L), (new(2023, 10, 1), new(2023, 12, 31), 1L), (new(2024, 1, 1), new(2024, 3, 31), 1L)],
            own.Select(r => (r.PeriodStart, r.PeriodEnd, r.Count ?? -1)));
        Assert.Null(own[1].Note);
        Assert.Contains(run.Messages, m => m.StartsWith("1 justice cohort period(s) start on the same day as a longer one (first: 2023-04-01 to 2023-06-30, beside 2023-04-01 to 2024-03-31)", StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_half_years_count_the_earlier_load_then_the_latest_and_whatever_does_not_overlap_them()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute($"""
            INSERT INTO justice_cohort (load_id, source_row, period_start, period_end, geography_code, cohort_kind, age_band, sex, count, denominator) VALUES
            (6, 1, DATE '2023-04-01', DATE '2023-09-30', '{D1}', 'youth_reoffending', 'all', 'all', 2, 10),
            (6, 2, DATE '2023-07-01', DATE '2023-12-31', '{D1}', 'youth_reoffending', 'all', 'all', 3, 12),
            (6, 3, DATE '2023-10-01', DATE '2024-03-31', '{D1}', 'youth_reoffending', 'all', 'all', 1, 8),
            (6, 4, DATE '2023-04-01', DATE '2023-09-30', '{D2}', 'youth_reoffending', 'all', 'all', 2, 10),
            (7, 1, DATE '2023-07-01', DATE '2023-12-31', '{D2}', 'youth_reoffending', 'all', 'all', 3, 12);
            """);
        IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["youth_reoffending_rate"] });

        // One load, equal lengths: the later end is kept (Oct-Mar), then Apr-Sep, which does not overlap it; Jul-Dec is left out.
        var d1 = One(f.Store, "youth_reoffending_rate", IndicatorLevels.District, D1);
        Assert.Equal((3L, 18.0), (d1.Count!.Value, d1.Denominator!.Value));
        Near(100 * 3 / 18.0, d1.Value, 1e-9, "proportion");
        Assert.Equal($"overlapping cohort periods counted once: 1 cohort period left out ({Rule})", d1.Note);

        // Two loads, equal lengths: the earlier load's half-year is kept.
        var d2 = One(f.Store, "youth_reoffending_rate", IndicatorLevels.District, D2);
        Assert.Equal((2L, 10.0), (d2.Count!.Value, d2.Denominator!.Value));

        // The partnership adds each district's kept rows and says how many were left out in all.
        var p = One(f.Store, "youth_reoffending_rate", IndicatorLevels.Partnership, P);
        Assert.Equal((5L, 28.0), (p.Count!.Value, p.Denominator!.Value));
        Assert.Equal($"overlapping cohort periods counted once: 2 cohort periods left out ({Rule})", p.Note);
    }

    [Fact]
    public void Cohort_rows_that_do_not_overlap_are_added_with_no_note()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute($"""
            INSERT INTO justice_cohort (load_id, source_row, period_start, period_end, geography_code, cohort_kind, age_band, sex, count) VALUES
            (6, 1, DATE '2023-04-01', DATE '2023-09-30', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 2),
            (6, 2, DATE '2023-10-01', DATE '2024-03-31', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 3);
            """);
        IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["youth_fte_rate"] });
        var year = One(f.Store, "youth_fte_rate", IndicatorLevels.District, D2);
        Assert.Equal(5, year.Count);
        Assert.Null(year.Note);
    }
}
