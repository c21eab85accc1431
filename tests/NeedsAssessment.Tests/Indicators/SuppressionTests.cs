using NeedsAssessment.Indicators;
using static NeedsAssessment.Tests.Indicators.IndicatorFixture;
using static NeedsAssessment.Tests.Indicators.IndicatorTestHelpers;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>Primary and secondary suppression at export.</summary>
public sealed class SuppressionTests(IndicatorValueTests.Computed computed) : IClassFixture<IndicatorValueTests.Computed>, IDisposable
{
    // The hand-built fixture with every indicator computed at every level, made once for the class (it was made for
    // each test). The tests that only export it share it: each writes the export it reads with its own policy first, and
    // the tests of a class run one at a time. The test that adds events and recomputes makes its own.
    private IndicatorFixture? _own;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "na-ind-supp-" + Guid.NewGuid().ToString("N"));

    private IndicatorFixture Shared => computed.Fixture;

    private IndicatorFixture Own => _own ??= IndicatorValueTests.Computed.Make();

    public void Dispose()
    {
        _own?.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void No_hidden_count_can_be_found_by_subtracting_visible_children_from_a_visible_parent()
    {
        IndicatorExport.Write(Shared.Store, _folder, SuppressionPolicy.Nhs);
        var raw = IndicatorValue.Read(Shared.Store).ToDictionary(Key);
        var exported = IndicatorValue.Read(Shared.Store, new IndicatorFilter { Table = IndicatorTable.ExportName });
        Assert.Contains(exported, r => r.Suppressed); // the fixture's small L3 count (3) must be hidden
        var byKey = exported.ToDictionary(Key);
        var parents = IndicatorExport.NestedParents(Shared.Store);
        var groupsChecked = 0;
        foreach (var ((child, parent), map) in parents)
        {
            foreach (var g in exported.Where(r => r.Level == child && map.ContainsKey(r.AreaCode))
                         .GroupBy(r => (r.IndicatorId, Breakdown: SmallNumberSuppression.Breakdown(r), Parent: map[r.AreaCode], r.PeriodType, r.PeriodStart)))
            {
                if (!byKey.TryGetValue((g.Key.IndicatorId, g.Key.Breakdown, parent, g.Key.Parent, g.Key.PeriodType, g.Key.PeriodStart), out var p) || p.Count is null)
                    continue; // a hidden parent gives nothing to subtract from
                groupsChecked++;
                var hidden = g.Where(r => r.Count is null).ToList();
                var residual = p.Count.Value - g.Where(r => r.Count is not null).Sum(r => r.Count!.Value);
                if (hidden.Count == 1)
                {
                    Assert.Fail($"{g.Key.IndicatorId} {child}s in {parent} {g.Key.Parent} {g.Key.PeriodType}: only {hidden[0].AreaCode} is hidden, so its count " +
                        $"{raw[Key(hidden[0])].Count} = parent {p.Count} - visible = {residual}");
                }
            }
        }
        Assert.True(groupsChecked > 50, $"only {groupsChecked} parent groups were checked");
    }

    [Fact]
    public void One_small_lsoa_in_a_district_also_hides_its_smallest_sibling()
    {
        IndicatorExport.Write(Shared.Store, _folder, SuppressionPolicy.Nhs);
        var l3 = One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L3, table: IndicatorTable.ExportName);
        var l4 = One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L4, table: IndicatorTable.ExportName);
        var d2 = One(Shared.Store, "sv_rate", IndicatorLevels.District, D2, table: IndicatorTable.ExportName);
        Assert.True(l3.Suppressed && l3.Count is null && l3.Value is null && l3.Lower95 is null);
        Assert.True(l4.Suppressed && l4.Count is null, "L4 (10 events) is the only other LSOA of D2 and must be hidden too");
        // Primary and complementary cells read alike, or a reader would know which hidden counts are the small ones.
        Assert.Equal(SmallNumberSuppression.Note(SuppressionPolicy.Nhs), l3.Note);
        Assert.Equal(l3.Note, l4.Note);
        Assert.Equal("", l3.Method); // "exact" is used only below 10 events
        Assert.Equal(13, d2.Count);
        Assert.False(d2.Suppressed);
        Assert.Equal(1500, l3.Denominator); // a population denominator discloses nobody and stays
    }

    [Fact]
    public void Fingertips_policy_shows_counts_of_six_and_seven_that_nhs_hides()
    {
        Own.Police(6, L4, "2023-05", cchi: 10);
        // L4's only police events in May 2023 are these 6.
        IndicatorEngine.Compute(Own.Store, new IndicatorOptions { IndicatorIds = ["sv_rate"], Levels = [IndicatorLevels.Lsoa, IndicatorLevels.Partnership], PeriodTypes = [PeriodTypes.Month] });
        var may = new DateOnly(2023, 5, 1);
        IndicatorExport.Write(Own.Store, _folder, SuppressionPolicy.Fingertips);
        var f = IndicatorValue.Read(Own.Store, new IndicatorFilter { Table = IndicatorTable.ExportName, AreaCode = L4, PeriodStart = may }).Single();
        Assert.Equal(6, f.Count);
        IndicatorExport.Write(Own.Store, _folder, SuppressionPolicy.Nhs);
        var n = IndicatorValue.Read(Own.Store, new IndicatorFilter { Table = IndicatorTable.ExportName, AreaCode = L4, PeriodStart = may }).Single();
        Assert.True(n.Suppressed);
    }

    [Fact]
    public void None_policy_exports_every_raw_value()
    {
        var result = IndicatorExport.Write(Shared.Store, _folder, SuppressionPolicy.None);
        Assert.Equal(0, result.PrimarySuppressed + result.SecondarySuppressed);
        var raw = IndicatorValue.Read(Shared.Store);
        var exported = IndicatorValue.Read(Shared.Store, new IndicatorFilter { Table = IndicatorTable.ExportName });
        Assert.Equal(raw, exported);
    }

    [Fact]
    public void Custom_policy_hides_its_own_range_and_rejects_a_range_starting_at_zero()
    {
        IndicatorExport.Write(Shared.Store, _folder, SuppressionPolicy.Custom(1, 11));
        Assert.True(One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L4, table: IndicatorTable.ExportName).Suppressed); // 10 events
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SuppressionPolicy.Custom(0, 5));
        Assert.Contains("hideFrom must be >= 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gini_of_an_area_is_hidden_where_its_base_rate_is_hidden()
    {
        // D2 (13 events) is hidden by the range, D1 (42) by the secondary rule; their Ginis show the same counts.
        IndicatorExport.Write(Shared.Store, _folder, SuppressionPolicy.Custom(1, 13));
        Assert.True(One(Shared.Store, "sv_rate", IndicatorLevels.District, D1, table: IndicatorTable.ExportName).Suppressed);
        Assert.True(One(Shared.Store, "sv_gini", IndicatorLevels.District, D1, table: IndicatorTable.ExportName).Suppressed);
        Assert.True(One(Shared.Store, "sv_gini", IndicatorLevels.District, D2, table: IndicatorTable.ExportName).Suppressed);
    }

    [Fact]
    public void When_only_zero_siblings_remain_visible_the_parent_total_is_hidden()
    {
        // Child A has no published count; B and C are zero; so parent - visible children would give A. Hiding a zero
        // instead would tell a reader nothing new (0 + A = 20), so the total is the complement.
        static IndicatorValue V(string level, string area, long? count) => new()
        {
            IndicatorId = "x", Domain = "prevalence", Level = level, AreaCode = area, PeriodType = PeriodTypes.FinancialYear,
            PeriodStart = FyStart, PeriodEnd = new DateOnly(2024, 3, 31), Count = count, Multiplier = 1, Value = count,
            Method = "exact", Comparison95 = "not compared", Comparison998 = "not compared",
        };
        IndicatorValue[] rows = [V("district", "D", 20), V("lsoa", "A", null), V("lsoa", "B", 0), V("lsoa", "C", 0)];
        var parents = new Dictionary<(string, string), Dictionary<string, string>>
        {
            [("lsoa", "district")] = new() { ["A"] = "D", ["B"] = "D", ["C"] = "D" },
        };
        var result = SmallNumberSuppression.Decide(rows, SuppressionPolicy.Nhs, new Dictionary<string, IndicatorMeta>(), parents).Rows;
        Assert.True(result[0].Suppressed, "the parent total must be hidden");
        Assert.Null(result[0].Count);
        Assert.Equal(0, result.Skip(2).Count(r => r.Suppressed)); // the sum now has two unknowns: the zeros can stay
    }

    private static (string, string?, string, string, string, DateOnly) Key(IndicatorValue v) =>
        (v.IndicatorId, SmallNumberSuppression.Breakdown(v), v.Level, v.AreaCode, v.PeriodType, v.PeriodStart);
}
