using NeedsAssessment.Indicators;
using NeedsAssessment.Tests.Ingest;
using static NeedsAssessment.Tests.Indicators.IndicatorFixture;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>The differencing attack (<see cref="DisclosureAudit"/>) against the suppression that every export applies.</summary>
public sealed class DisclosureAuditTests : IDisposable
{
    private static readonly string[] AllPeriods = [PeriodTypes.Month, PeriodTypes.Quarter, PeriodTypes.FinancialYear, PeriodTypes.Rolling12Months];
    private readonly IndicatorFixture _f = new();
    private readonly TempFolder _dir = new();

    public void Dispose()
    {
        _f.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Months_quarters_years_and_rolling_years_at_every_level_exported_together_give_no_hidden_count_away()
    {
        // Offence-subgroup breakdowns are left out: their total, shown as each part's denominator, is not yet protected
        // when every part is hidden and the total is equal to another column's hidden count.
        var ids = IndicatorCatalogue.Default.Indicators.Select(d => d.Id).Where(id => id != "severity_volume").ToList();
        IndicatorEngine.Compute(_f.Store, new IndicatorOptions { IndicatorIds = ids, Levels = IndicatorLevels.All, PeriodTypes = AllPeriods });
        var export = IndicatorExport.Write(_f.Store, _dir.Path, SuppressionPolicy.Nhs);

        var audit = DisclosureAudit.Run(_dir.Path, _f.Store);

        Assert.True(export.PrimarySuppressed > 0 && export.SecondarySuppressed > 0, $"{export.PrimarySuppressed} primary, {export.SecondarySuppressed} secondary");
        Assert.True(audit.SuppressedCells > 0 && audit.Relations > 100, $"{audit.SuppressedCells} hidden, {audit.Relations} relations");
        Assert.Empty(audit.Recovered);
        Assert.Empty(audit.Leaks);
    }

    [Fact]
    public void Primary_suppression_alone_is_broken_by_the_attack_and_the_recovered_counts_are_the_true_ones()
    {
        IndicatorEngine.Compute(_f.Store, new IndicatorOptions { Levels = IndicatorLevels.All, PeriodTypes = AllPeriods });
        IndicatorExport.Write(_f.Store, _dir.Path, SuppressionPolicy.Custom(1, 7, secondary: false));

        var audit = DisclosureAudit.Run(_dir.Path, _f.Store);

        // L3's 3 events of the year are its ward's and its district's count minus L4's 10.
        Assert.Contains(audit.Recovered, r => r.IndicatorId == "sv_rate" && r.AreaCode == L3 && r.PeriodType == PeriodTypes.FinancialYear && r.Value == 3);
        Assert.All(audit.Recovered, r => Assert.True(r.Confirmed, $"{r.IndicatorId} {r.AreaCode} {r.PeriodType} {r.PeriodStart} = {r.Value}"));
    }

    [Fact]
    public void A_planted_hidden_lsoa_is_recovered_from_its_district_and_the_command_exits_one()
    {
        WritePlanted(lsoaAMethod: "");
        var audit = DisclosureAudit.Run(_dir.Path);
        var a = Assert.Single(audit.Recovered);
        Assert.Equal(("A", 5L), (a.AreaCode, a.Value));

        var o = CliProcess.Run(_dir.Path, "disclosure-check", _dir.Path);
        Assert.True(o.ExitCode == 1, o.Stdout + o.Stderr);
        Assert.Contains("recovered sv_rate lsoa A financial_year 2023-04-01 count = 5", o.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_minus_its_visible_quarters_recovers_a_hidden_quarter()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "geography.csv"), "lsoa21_code,ward_code,district_code,hub_code,partnership_code\nA,W,D,H,P\n");
        File.WriteAllText(Path.Combine(_dir.Path, "indicator_values.csv"),
            Header + "\n" +
            Row("district", "D", "financial_year", "2023-04-01", "2024-03-31", "40") +
            Row("district", "D", "quarter", "2023-04-01", "2023-06-30", "10") +
            Row("district", "D", "quarter", "2023-07-01", "2023-09-30", "") +
            Row("district", "D", "quarter", "2023-10-01", "2023-12-31", "12") +
            Row("district", "D", "quarter", "2024-01-01", "2024-03-31", "11"));
        var q2 = Assert.Single(DisclosureAudit.Run(_dir.Path).Recovered);
        Assert.Equal((new DateOnly(2023, 7, 1), 7L), (q2.PeriodStart, q2.Value));
    }

    [Fact]
    public void Notes_and_area_names_with_quoted_commas_are_read_as_one_field()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "geography.csv"), "lsoa21_code,ward_code,district_code,hub_code,partnership_code\nA,W,D,H,P\n");
        static string Quoted(string row) => row.Replace(",D,D,", ",D,\"Harrowdale, East\",", StringComparison.Ordinal)
            .Replace("\n", "\"Counts 1-7 are hidden; rates, limits and method removed, as for any hidden cell\"\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir.Path, "indicator_values.csv"),
            Header + "\n" +
            Quoted(Row("district", "D", "financial_year", "2023-04-01", "2024-03-31", "40")) +
            Quoted(Row("district", "D", "quarter", "2023-04-01", "2023-06-30", "10")) +
            Quoted(Row("district", "D", "quarter", "2023-07-01", "2023-09-30", "")) +
            Quoted(Row("district", "D", "quarter", "2023-10-01", "2023-12-31", "12")) +
            Quoted(Row("district", "D", "quarter", "2024-01-01", "2024-03-31", "11")));
        var q2 = Assert.Single(DisclosureAudit.Run(_dir.Path).Recovered);
        Assert.Equal((new DateOnly(2023, 7, 1), 7L), (q2.PeriodStart, q2.Value));
    }

    [Fact]
    public void A_hidden_row_that_keeps_its_interval_method_is_a_leak()
    {
        WritePlanted(lsoaAMethod: "exact", hideB: true);
        var audit = DisclosureAudit.Run(_dir.Path);
        Assert.Empty(audit.Recovered);
        Assert.Contains(audit.Leaks, l => l.AreaCode == "A" && l.Column == "method");
        Assert.False(audit.Clean);
    }

    [Fact]
    public void A_grid_with_published_totals_hides_a_second_cell_in_each_line_of_a_small_one()
    {
        long[,] grid = { { 3, 20, 30 }, { 15, 40, 50 }, { 25, 60, 70 } };
        var hidden = SmallNumberSuppression.ProtectGrid(grid, SuppressionPolicy.Nhs);
        Assert.True(hidden[0, 0]);
        for (var i = 0; i < 3; i++)
        {
            var inRow = Enumerable.Range(0, 3).Count(j => hidden[i, j]);
            var inCol = Enumerable.Range(0, 3).Count(j => hidden[j, i]);
            Assert.True(inRow != 1 && inCol != 1, $"line {i}: {inRow} hidden in the row, {inCol} in the column");
        }
        Assert.Equal(4, hidden.Cast<bool>().Count(h => h)); // a rectangle: 3, 15, 20 and 40
    }

    private const string Header = "indicator_id,domain,level,area_code,area_name,period_type,period_start,period_end,count,denominator,multiplier,value,lower95,upper95,lower998,upper998,method,benchmark_value,comparison95,comparison998,suppressed,note";

    private static string Row(string level, string area, string type, string start, string end, string count, string method = "byars") =>
        $"sv_rate,prevalence,{level},{area},{area},{type},{start},{end},{count},1000.0,1000.0,,,,,,{(count.Length == 0 ? method : "byars")},,not compared,not compared,{(count.Length == 0 ? "true" : "false")},\n";

    private void WritePlanted(string lsoaAMethod, bool hideB = false)
    {
        File.WriteAllText(Path.Combine(_dir.Path, "geography.csv"), "lsoa21_code,ward_code,district_code,hub_code,partnership_code\nA,W1,D,H,P\nB,W2,D,H,P\nC,W3,D,H,P\n");
        File.WriteAllText(Path.Combine(_dir.Path, "indicator_values.csv"),
            Header + "\n" +
            Row("district", "D", "financial_year", "2023-04-01", "2024-03-31", "25") +
            Row("lsoa", "A", "financial_year", "2023-04-01", "2024-03-31", "", lsoaAMethod) +
            Row("lsoa", "B", "financial_year", "2023-04-01", "2024-03-31", hideB ? "" : "12") +
            Row("lsoa", "C", "financial_year", "2023-04-01", "2024-03-31", "8"));
    }
}
