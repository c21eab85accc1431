using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

public class AssessmentFileTests
{
    private static string Folder => Path.Combine(Path.GetTempPath(), "na-assessment-file");

    [Fact]
    public void The_starter_file_parses_with_its_documented_defaults()
    {
        var f = AssessmentFile.Parse(AssessmentFile.Starter("Test CSP"), Path.Combine(Folder, "assessment.yaml"));

        Assert.Equal("Test CSP", f.PartnershipName);
        Assert.Equal("home-office-core", f.Definition);
        Assert.Equal(["lsoa", "ward", "district", "partnership"], f.Levels);
        Assert.Equal(new SuppressionSetting("nhs", 1, 7), f.Suppression);
        Assert.Equal(Path.Combine(Folder, "data", "police-uk") + Path.DirectorySeparatorChar, f.Inputs["police-street"].Single());
        Assert.Equal(Path.Combine(Folder, "assessment-output"), f.OutputFolder);
        Assert.Null(f.CellSize);
    }

    [Fact]
    public void The_starter_file_declares_the_area_init_was_given()
    {
        var f = AssessmentFile.Parse(AssessmentFile.Starter("York CSP", ["E06000014", "North Yorkshire"]), Path.Combine(Folder, "assessment.yaml"));
        Assert.Equal(["E06000014", "North Yorkshire"], f.AreaDeclaration.LocalAuthorities);
        Assert.Equal(["E06000014"], AssessmentFile.Parse(AssessmentFile.Starter("X"), Path.Combine(Folder, "a.yaml")).AreaDeclaration.LocalAuthorities);
    }

    [Fact]
    public void Themes_default_to_every_priority_and_an_unknown_theme_is_reported_with_the_closest_name()
    {
        Assert.Equal(["vawg", "domestic_abuse", "hate", "rural", "early_intervention"], AssessmentFile.Parse(AssessmentFile.Starter("X"), Path.Combine(Folder, "t.yaml")).Themes);
        var chosen = AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\nthemes: [rural, hate]\n", "/tmp/t.yaml");
        Assert.Equal(["hate", "rural"], chosen.Themes);
        var ex = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\nthemes: [rurall]\n", "/tmp/t.yaml"));
        Assert.Contains("t.yaml:3: unknown theme 'rurall'. Did you mean 'rural'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_starter_file_can_name_the_area_by_partnership_or_boundary_file()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "area.geojson"), "{}");
        var f = AssessmentFile.Parse(AssessmentFile.Starter("York CSP", [], ["York", "E22000902"], "area.geojson"), Path.Combine(Folder, "assessment.yaml"));
        Assert.Empty(f.AreaDeclaration.LocalAuthorities);
        Assert.Equal(["York", "E22000902"], f.AreaDeclaration.Csps);
        Assert.Equal(Path.Combine(Folder, "area.geojson"), f.AreaDeclaration.BoundaryFile);
        Assert.Equal(Path.Combine(Folder, "data", "LAD23_CSP23_PFA23_EW_LU.csv"), f.Inputs["csp-lookup"].Single());
        Assert.Equal("csp: York, E22000902; boundary: " + Path.Combine(Folder, "area.geojson"), f.AreaDeclaration.ToString());

        var missing = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse(
            "partnership:\n  name: X\n  boundary: nowhere.geojson\ninputs:\n  police-street: [a.csv]\n", Path.Combine(Folder, "b.yaml")));
        Assert.Contains("b.yaml:3: partnership.boundary 'nowhere.geojson' is not a file", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_setting_is_reported_with_its_line_and_the_closest_name()
    {
        var yaml = "partnership:\n  name: X\ninputs:\n  police-street: [a.csv]\nsupression: nhs\n";
        var ex = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse(yaml, "/tmp/a.yaml"));

        Assert.Contains("a.yaml:5:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'supression'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'suppression'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_dataset_kind_and_a_bad_level_are_both_reported_with_their_lines()
    {
        var yaml = "inputs:\n  police-streets: [a.csv]\ngeography:\n  levels: [lsoa, county]\n";
        var ex = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse(yaml, "/tmp/b.yaml"));

        Assert.Contains("b.yaml:2: unknown dataset kind 'police-streets'. Did you mean 'police-street'?", ex.Message, StringComparison.Ordinal);
        Assert.Contains("b.yaml:4: unknown geography level 'county'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_suppression_thresholds_and_a_numeric_benchmark_and_cell_size_are_read()
    {
        var yaml = "inputs:\n  police-street: [a.csv]\nsuppression:\n  min: 1\n  max: 9\nbenchmark: 1.9\nhotspots:\n  cell_size: 250\n";
        var f = AssessmentFile.Parse(yaml, "/tmp/c.yaml");

        Assert.Equal(new SuppressionSetting("custom", 1, 9), f.Suppression);
        Assert.Equal("1.9", f.Benchmark);
        Assert.Equal(250, f.CellSize);
    }

    [Fact]
    public void The_store_section_sets_the_memory_limit_and_a_spill_folder_relative_to_the_file()
    {
        var f = AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\nstore:\n  memory_limit: 1500 mb\n  temp_directory: spill\n", "/tmp/e/e.yaml");
        Assert.Equal(new NeedsAssessment.Store.StoreLimits("1500MB", "/tmp/e/spill"), f.Store);

        var dflt = AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\n", "/tmp/e/f.yaml");
        Assert.Equal(NeedsAssessment.Store.StoreLimits.Default, dflt.Store);
    }

    [Fact]
    public void A_memory_limit_that_is_not_a_size_is_reported_with_its_line()
    {
        var ex = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\nstore:\n  memory_limit: lots\n", "/tmp/g.yaml"));
        Assert.Contains("g.yaml:4: memory_limit should be", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line()
    {
        var ex = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse("inputs:\n  police-street: [a.csv\n", "/tmp/d.yaml"));
        Assert.Matches(@"d\.yaml:\d+: not valid YAML", ex.Message);
    }

    [Fact]
    public void A_file_without_inputs_is_refused()
    {
        var ex = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse("output: x\n", "/tmp/e.yaml"));
        Assert.Contains("'inputs:' is missing", ex.Message, StringComparison.Ordinal);
    }
}
