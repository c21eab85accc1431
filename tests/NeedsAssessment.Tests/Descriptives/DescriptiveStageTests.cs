using NeedsAssessment.Descriptives;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Report;

namespace NeedsAssessment.Tests.Descriptives;

public sealed class DescriptiveStageTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    // The reference: the police source's in-definition events read row by row (a few hundred thousand at most in the
    // fixture), counted in C# without SQL aggregation.
    private static List<(DateOnly Month, DateTime? At, string? Band, string? Sex)> Events(AssessmentStore store, string source) =>
        store.Query($"SELECT month, event_datetime, victim_age_band, victim_sex FROM sv_events WHERE in_definition AND source = {AssessmentStore.Literal(source)}",
            r => (DateOnly.FromDateTime(r.GetDateTime(0)), r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));

    [Fact]
    public void Headline_period_is_one_the_indicator_stage_computed()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var n = Convert.ToInt64(store.Scalar($"""
            SELECT count(*) FROM indicator_values WHERE indicator_id = 'sv_rate' AND level = 'partnership'
              AND period_type = '{d.Period.PeriodType}' AND period_start = DATE '{d.Period.PeriodStart:yyyy-MM-dd}' AND period_end = DATE '{d.Period.PeriodEnd:yyyy-MM-dd}'
            """), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, n);
        Assert.Equal("rolling_12_months", d.Period.PeriodType);
    }

    [Fact]
    public void Monthly_counts_rolling_and_seasonal_means_match_a_recount_of_the_events()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var events = Events(store, d.Period.PoliceSource);
        var byMonth = events.GroupBy(e => e.Month).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(byMonth.Keys.Min(), d.Monthly[0].Month);
        Assert.Equal(byMonth.Keys.Max(), d.Monthly[^1].Month);
        for (var i = 0; i < d.Monthly.Count; i++)
        {
            var m = d.Monthly[i];
            if (m.Suppressed) { Assert.Null(m.Count); continue; }
            Assert.Equal(byMonth.GetValueOrDefault(m.Month), m.Count);
            if (i >= 2 && d.Monthly.Skip(i - 2).Take(3).All(x => x.HasData && !x.Suppressed))
                Assert.Equal(Enumerable.Range(i - 2, 3).Average(j => (double)byMonth[d.Monthly[j].Month]), m.RollingMean!.Value, 9);
            var sameMonth = byMonth.Where(kv => kv.Key.Month == m.Month.Month).Select(kv => (double)kv.Value).Average();
            Assert.Equal(sameMonth, m.SeasonalMean!.Value, 9);
        }
    }

    [Fact]
    public void Day_by_hour_and_victim_tables_add_up_to_the_headline_period_events()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var inPeriod = Events(store, d.Period.PoliceSource).Where(e => e.Month >= d.Period.PeriodStart && e.Month <= d.Period.PeriodEnd).ToList();
        Assert.Equal(168, d.DayHour.Count);
        foreach (var cell in d.DayHour.Where(c => !c.Suppressed))
            Assert.Equal(inPeriod.Count(e => e.At is { } t && ((int)t.DayOfWeek == 0 ? 7 : (int)t.DayOfWeek) == cell.IsoDay && t.Hour == cell.Hour), cell.Count);
        var total = d.Victims.Single(v => v.AgeBand == "all" && v.Sex == "all");
        Assert.Equal(inPeriod.Count, total.Count);
        foreach (var v in d.Victims.Where(v => !v.Suppressed && v.AgeBand != "all" && v.Sex is "F" or "M"))
            Assert.Equal(inPeriod.Count(e => (string.IsNullOrEmpty(e.Band) ? "unknown" : e.Band) == v.AgeBand && e.Sex == v.Sex), v.Count);
    }

    [Fact]
    public void Change_on_the_previous_period_is_the_ratio_of_the_two_counts_with_an_interval_around_it()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        Assert.True(d.Period.HasPrevious);
        var whole = d.Change.Single(c => c.Level == "partnership");
        var events = Events(store, d.Period.PoliceSource);
        Assert.Equal(events.Count(e => e.Month >= d.Period.PeriodStart && e.Month <= d.Period.PeriodEnd), whole.CurrentCount);
        Assert.Equal(events.Count(e => e.Month >= d.Period.PreviousStart && e.Month <= d.Period.PreviousEnd), whole.PreviousCount);
        Assert.Equal(100.0 * ((double)whole.CurrentCount!.Value / whole.PreviousCount!.Value - 1), whole.PercentChange!.Value, 9);
        Assert.True(whole.Lower95 < whole.PercentChange && whole.PercentChange < whole.Upper95);
        Assert.True(d.Change.Count(c => c.Level == "district") >= 2);
    }

    [Fact]
    public void Offence_mix_on_police_uk_gives_a_penalty_range_not_a_suppressed_mean()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        Assert.Equal(d.OffenceMix.Where(o => !o.Suppressed).Sum(o => o.Count), d.OffenceMix.Sum(o => o.Count ?? 0));
        Assert.InRange(d.OffenceMix.Where(o => !o.Suppressed).Sum(o => o.Share!.Value), 0, 100.000001);
        // The fixture's force extract carries offence codes, so its groups have a mean; a range is only for police.uk types.
        Assert.Contains(d.OffenceMix, o => o.MeanPenaltyYears is > 0);
        Assert.All(d.OffenceMix.Where(o => o.PenaltyMinYears is { } lo && o.PenaltyMaxYears is { } hi), o => Assert.True(o.PenaltyMinYears <= o.PenaltyMaxYears));
    }

    [Fact]
    public void Justice_outcomes_recount_the_police_uk_crimes_of_the_area_in_the_headline_period_by_latest_outcome()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var area = store.Query("SELECT lsoa21_code FROM area_lsoas", r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        var outcomes = store.Query("SELECT month, lsoa21_code, outcome FROM sv_events WHERE in_definition AND source = 'police_street' AND outcome IS NOT NULL",
                r => (Month: DateOnly.FromDateTime(r.GetDateTime(0)), Lsoa: r.IsDBNull(1) ? null : r.GetString(1), Outcome: r.GetString(2)))
            .Where(e => e.Lsoa is not null && area.Contains(e.Lsoa) && e.Month >= d.Period.PeriodStart && e.Month <= d.Period.PeriodEnd).ToList();
        Assert.True(outcomes.Count > 100, $"Only {outcomes.Count} police.uk crimes with an outcome in the headline period: the test is not reading the table.");
        string Group(string outcome) =>
            NeedsAssessment.Classify.PoliceUkOutcomes.Groups.FirstOrDefault(g => g.Outcomes.Contains(outcome)).Group ?? NeedsAssessment.Classify.PoliceUkOutcomes.OtherGroup;
        var byGroup = outcomes.GroupBy(e => Group(e.Outcome)).ToDictionary(g => g.Key, g => g.Count());

        var total = d.Outcomes[^1];
        Assert.Equal((DescriptiveStage.AllOutcomes, (long?)outcomes.Count, 100.0), (total.OutcomeGroup, total.Crimes, total.Share!.Value));
        Assert.Equal(byGroup.Keys.Order(StringComparer.Ordinal), d.Outcomes.SkipLast(1).Select(o => o.OutcomeGroup).Order(StringComparer.Ordinal));
        foreach (var row in d.Outcomes.SkipLast(1))
        {
            var categories = outcomes.Where(e => Group(e.Outcome) == row.OutcomeGroup).Select(e => e.Outcome).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(string.Join("; ", categories), row.Outcomes);
            if (row.Suppressed) { Assert.Null(row.Crimes); Assert.Null(row.Share); continue; }
            Assert.Equal(byGroup[row.OutcomeGroup], row.Crimes);
            Assert.Equal(100.0 * byGroup[row.OutcomeGroup] / outcomes.Count, row.Share!.Value, 9);
        }
        Assert.Contains(d.Outcomes, o => o.OutcomeGroup.StartsWith("Charged", StringComparison.Ordinal) && o.Crimes > 0);
    }

    [Fact]
    public void No_descriptive_table_shows_a_count_in_the_suppression_range_and_no_margin_has_one_hidden_cell()
    {
        using var store = AssessmentStore.Open(fixture.SparseStorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var counts = d.Monthly.Select(m => m.Count).Concat(d.DayHour.Select(c => c.Count)).Concat(d.Victims.Select(v => v.Count))
            .Concat(d.OffenceMix.SelectMany(o => new[] { o.Count, o.LifeMaximum })).Concat(d.Change.SelectMany(c => new[] { c.CurrentCount, c.PreviousCount }))
            .Concat(d.Deprivation.Select(x => x.Count)).Concat(d.Cohorts.Select(c => c.Count)).Concat(d.Sources.SelectMany(s => new[] { s.InDefinition, s.NoArea }))
            .Concat(d.Outcomes.Select(o => o.Crimes)).Append(d.Period.UntimedEvents);
        Assert.DoesNotContain(counts, c => c is >= 1 and <= 7);
        // The thinned district really has small counts, and they are hidden rather than absent.
        Assert.True(d.Change.Any(c => c.Suppressed) || d.DayHour.Any(c => c.Suppressed) || d.Victims.Any(v => v.Suppressed) || d.OffenceMix.Any(o => o.Suppressed),
            string.Join("; ", d.Change.Select(c => $"{c.AreaCode} {c.CurrentCount}/{c.PreviousCount}")));
        // Victims: every age band row and every sex column has no hidden cell or at least two.
        foreach (var line in d.Victims.Where(v => v.AgeBand != "all" && v.Sex != "all").GroupBy(v => v.AgeBand).Concat(d.Victims.Where(v => v.AgeBand != "all" && v.Sex != "all").GroupBy(v => v.Sex)))
            Assert.NotEqual(1, line.Count(v => v.Suppressed));
        // Justice outcomes: the groups sum to the published total, so none or at least two are hidden.
        Assert.NotEqual(1, d.Outcomes.SkipLast(1).Count(o => o.Suppressed));
    }

    [Fact]
    public void A_row_record_that_does_not_match_its_schema_is_refused()
    {
        using var store = AssessmentStore.Open(":memory:");
        var e = Assert.Throws<InvalidOperationException>(() => ResultTable<WrongRow>.Write(store, DescriptiveTables.Gaps, []));
        Assert.Contains("from_month", e.Message, StringComparison.Ordinal);
    }

    private sealed record WrongRow(string Source, DateOnly From, DateOnly To, long Months);
}
