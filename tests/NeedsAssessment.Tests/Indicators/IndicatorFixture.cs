using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>
/// A hand-built store: 4 LSOAs in 3 wards, 2 districts (one hub each) and 1 partnership, with populations from
/// single years of age, IMD deciles, and sv_events created by SQL with the classify stage's columns.
/// <code>
/// LSOA        ward  district  pop   10-24  10-17  female  IMD  police SV events (FY 2023)
/// E01000001   W1    D1        1000  200    200    500     1    30 (20 x cchi 10, 10 x cchi 365; 12 public)
/// E01000002   W1    D1        2000  600    0      1000    5    12 (cchi 10; 6 public) + 1 in March 2023 (FY 2022)
/// E01000003   W2    D2        1500  300    300    750     10   3  (violence with injury, cchi 365)
/// E01000004   W3    D2        500   200    0      250     2    10 (violence without injury, cchi 10)
/// </code>
/// ED assault attendances: 5 in E01000001, 20 in E01000003. Events span 2023-03 to 2024-03, so the only whole
/// financial year is 2023-04-01 to 2024-03-31, which is also the latest rolling 12 months.
/// </summary>
internal sealed class IndicatorFixture : IDisposable
{
    public const string L1 = "E01000001", L2 = "E01000002", L3 = "E01000003", L4 = "E01000004";
    public const string W1 = "E05000001", W2 = "E05000002", W3 = "E05000003";
    public const string D1 = "E07000163", D2 = "E07000164", P = "E99000001";
    public static readonly DateOnly FyStart = new(2023, 4, 1);

    private int _next;

    public AssessmentStore Store { get; } = AssessmentStore.Open(":memory:");

    public IndicatorFixture(bool events = true)
    {
        Store.Execute($"""
            INSERT INTO geography (load_id, source_row, lsoa21_code, lsoa21_name, msoa21_code, msoa21_name, ward_code, ward_name,
                district_code, district_name, hub_code, hub_name, partnership_code, partnership_name) VALUES
            (1, 1, '{L1}', 'L1', 'E02000001', 'M1', '{W1}', 'Ward 1', '{D1}', 'District 1', 'H1', 'Hub 1', '{P}', 'Partnership'),
            (1, 2, '{L2}', 'L2', 'E02000001', 'M1', '{W1}', 'Ward 1', '{D1}', 'District 1', 'H1', 'Hub 1', '{P}', 'Partnership'),
            (1, 3, '{L3}', 'L3', 'E02000002', 'M2', '{W2}', 'Ward 2', '{D2}', 'District 2', 'H2', 'Hub 2', '{P}', 'Partnership'),
            (1, 4, '{L4}', 'L4', 'E02000002', 'M2', '{W3}', 'Ward 3', '{D2}', 'District 2', 'H2', 'Hub 2', '{P}', 'Partnership');
            INSERT INTO population_syoa (load_id, source_row, lsoa21_code, total, f15, m15, f40, m40) VALUES (2, 1, '{L1}', 1000, 100, 100, 400, 400);
            INSERT INTO population_syoa (load_id, source_row, lsoa21_code, total, f20, m20, f50, m50) VALUES (2, 2, '{L2}', 2000, 300, 300, 700, 700);
            INSERT INTO population_syoa (load_id, source_row, lsoa21_code, total, f12, m12, f60, m60) VALUES (2, 3, '{L3}', 1500, 150, 150, 600, 600);
            INSERT INTO population_syoa (load_id, source_row, lsoa21_code, total, f22, m22, f70, m70) VALUES (2, 4, '{L4}', 500, 100, 100, 150, 150);
            INSERT INTO deprivation (load_id, source_row, lsoa11_code, imd_rank, imd_decile) VALUES
            (3, 1, '{L1}', 100, 1), (3, 2, '{L2}', 15000, 5), (3, 3, '{L3}', 32000, 10), (3, 4, '{L4}', 4000, 2);
            INSERT INTO loads VALUES (1, 'geography', 'geo.csv', '/data/geo.csv', 'abc123', 10, 4, 4, 0, now(), now(), 'loaded', '0.1.0', '1.0.0', NULL, 0);
            CREATE TABLE sv_events (
                event_id VARCHAR, source VARCHAR, source_load_id BIGINT, source_row BIGINT, month DATE, event_datetime TIMESTAMP,
                lsoa_code_given VARCHAR, lsoa21_code VARCHAR, lsoa_status VARCHAR, lsoa_split BOOLEAN, lsoa_candidates BIGINT,
                x DOUBLE, y DOUBLE, xy_converted BOOLEAN, source_code VARCHAR, code_description VARCHAR, mapped BOOLEAN,
                category VARCHAR, offence_group VARCHAR, offence_subgroup VARCHAR, max_penalty_days DOUBLE, max_penalty_life BOOLEAN,
                max_penalty_known BOOLEAN, summary_only BOOLEAN, penalty_tier VARCHAR, severity_is_range BOOLEAN,
                penalty_min_days DOUBLE, penalty_min_life BOOLEAN, penalty_max_days DOUBLE, penalty_max_life BOOLEAN,
                penalty_confidence VARCHAR, cchi_days DOUBLE, css_weight DOUBLE, domestic_abuse BOOLEAN, vawg BOOLEAN, hate BOOLEAN,
                hate_strands VARCHAR, weapon_enabled BOOLEAN, knife BOOLEAN, firearm BOOLEAN, victim_under25 BOOLEAN,
                public_place BOOLEAN, night_time_economy BOOLEAN, victim_age_band VARCHAR, victim_sex VARCHAR, suspect_age_band VARCHAR, spiking BOOLEAN, outcome VARCHAR, charged BOOLEAN,
                in_definition BOOLEAN, exclusion_reason VARCHAR, definition_name VARCHAR, definition_version VARCHAR);
            """);
        if (!events) return;
        // L1: the first and last months of the financial year, so the span is exact.
        Police(1, L1, "2023-04", cchi: 10, publicPlace: true);
        Police(1, L1, "2024-03", cchi: 10, publicPlace: true);
        Police(10, L1, "2023-09", cchi: 10, publicPlace: true);
        Police(8, L1, "2023-09", cchi: 10);
        Police(10, L1, "2023-10", cchi: 365, subgroup: "Homicide", life: true);
        Police(6, L2, "2023-11", cchi: 10, publicPlace: true);
        Police(6, L2, "2023-11", cchi: 10);
        Police(1, L2, "2023-03", cchi: 10);
        Police(3, L3, "2023-12", cchi: 365, subgroup: "Violence with injury");
        Police(10, L4, "2024-01", cchi: 10);
        Other(5, L1, "2023-05", "health_ed_assault");
        Other(20, L3, "2023-06", "health_ed_assault");
    }

    public void Police(int n, string lsoa, string month, double cchi, string subgroup = "Violence without injury", bool publicPlace = false, bool life = false)
    {
        var c = cchi.ToString(CultureInfo.InvariantCulture);
        Store.Execute($"""
            INSERT INTO sv_events (event_id, source, month, lsoa21_code, mapped, category, offence_subgroup, max_penalty_days, max_penalty_life,
                max_penalty_known, penalty_tier, severity_is_range, cchi_days, public_place, in_definition, definition_name, definition_version)
            SELECT 'p' || ({_next} + i), 'police_recorded_crime', DATE '{month}-01', '{lsoa}', true, 'violence_against_the_person',
                '{subgroup}', {(life ? "NULL" : "1825")}, {(life ? "true" : "false")}, true, {(life ? "'life'" : "'2-<5y'")}, false, {c},
                {(publicPlace ? "true" : "false")}, true, 'test-definition', '1.2.0'
            FROM range({n}) t(i)
            """);
        _next += n;
    }

    public void Other(int n, string lsoa, string month, string source)
    {
        Store.Execute($"""
            INSERT INTO sv_events (event_id, source, month, lsoa21_code, mapped, category, in_definition, definition_name, definition_version)
            SELECT 'o' || ({_next} + i), '{source}', DATE '{month}-01', '{lsoa}', true, 'violence_against_the_person', true, 'test-definition', '1.2.0'
            FROM range({n}) t(i)
            """);
        _next += n;
    }

    public void Dispose() => Store.Dispose();
}
