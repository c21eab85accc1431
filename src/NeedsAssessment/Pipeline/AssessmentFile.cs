using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeedsAssessment.Pipeline;

/// <summary>Small-number suppression applied to published outputs.</summary>
/// <param name="Name">Preset name (<c>nhs</c>, <c>fingertips</c>, <c>none</c>) or <c>custom</c>.</param>
/// <param name="MinHidden">Smallest count hidden (1 in the presets).</param>
/// <param name="MaxHidden">Largest count hidden (7 for nhs, 5 for fingertips, 0 for none).</param>
public sealed record SuppressionSetting(string Name, int MinHidden, int MaxHidden)
{
    /// <summary>
    /// The disclosure policy this setting names. The presets' thresholds live only in <see cref="SuppressionPolicy"/>;
    /// every stage and command gets its policy from there.
    /// </summary>
    public SuppressionPolicy ToPolicy() =>
        Name == "custom" ? SuppressionPolicy.Custom(MinHidden, MaxHidden) : SuppressionPolicy.FromName(Name);

    /// <summary>The setting for a preset (nhs, fingertips, none), with the preset's own thresholds.</summary>
    internal static SuppressionSetting Preset(string name)
    {
        var p = SuppressionPolicy.FromName(name);
        return new SuppressionSetting(p.Name, (int)p.HideFrom, (int)p.HideTo);
    }
}

/// <summary>
/// One assessment: what goes in (partner files per dataset kind, the definition) and what comes out (levels,
/// periods, benchmark, suppression, indicators, hotspot methods, charts, output folder). Read from a YAML file
/// that an analyst keeps with the year's work; every path in it is relative to the file itself.
/// </summary>
/// <param name="Path">The file, absolute.</param>
/// <param name="Sha256">Hash of the file's content, recorded in the run manifest.</param>
/// <param name="PartnershipName">Partnership name for the report.</param>
/// <param name="Area">Area description for the report.</param>
/// <param name="Inputs">Dataset kind to paths, globs or folders (absolute).</param>
/// <param name="Definition">Definition file (absolute) or built-in name.</param>
/// <param name="Levels">Geography levels for indicators.</param>
/// <param name="Periods">Period types for indicators.</param>
/// <param name="Benchmark"><c>partnership</c> or a number (a national value, per the indicator's multiplier).</param>
/// <param name="Suppression">Small-number suppression for published outputs.</param>
/// <param name="Indicators">Indicator ids, or <c>all</c>.</param>
/// <param name="HotspotMethods">Hotspot methods (gistar, lisa, kde).</param>
/// <param name="CellSize">Hotspot grid cell size in metres, or null for automatic.</param>
/// <param name="Charts">Chart ids, or <c>all</c>.</param>
/// <param name="OutputFolder">Output folder (absolute).</param>
public sealed record AssessmentFile(
    string Path,
    string Sha256,
    string PartnershipName,
    string Area,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Inputs,
    string Definition,
    IReadOnlyList<string> Levels,
    IReadOnlyList<string> Periods,
    string Benchmark,
    SuppressionSetting Suppression,
    IReadOnlyList<string> Indicators,
    IReadOnlyList<string> HotspotMethods,
    double? CellSize,
    IReadOnlyList<string> Charts,
    string OutputFolder)
{
    /// <summary>Per dataset kind, how its partner files differ from the schema's layout (absent: as published).</summary>
    public IReadOnlyDictionary<string, Ingest.InputMapping> Mappings { get; init; } = new Dictionary<string, Ingest.InputMapping>();

    /// <summary>Which areas the partnership covers (<c>partnership.local_authorities</c>, <c>csp</c>, <c>boundary</c>); undeclared when absent.</summary>
    public PartnershipArea AreaDeclaration { get; init; } = PartnershipArea.Undeclared;

    /// <summary>The mapping for a kind's files, or <see cref="Ingest.InputMapping.None"/>.</summary>
    public Ingest.InputMapping MappingFor(string kind) => Mappings.TryGetValue(kind, out var m) ? m : Ingest.InputMapping.None;

    /// <summary>Period types the engine knows.</summary>
    public static readonly IReadOnlyList<string> KnownPeriods = [PeriodTypes.Month, PeriodTypes.Quarter, PeriodTypes.FinancialYear, PeriodTypes.Rolling12Months];

    /// <summary>Hotspot methods the engine knows.</summary>
    public static readonly IReadOnlyList<string> KnownHotspotMethods = ["gistar", "lisa", "kde"];

    private static readonly string[] TopKeys =
        ["partnership", "inputs", "definition", "geography", "periods", "benchmark", "suppression", "indicators", "hotspots", "charts", "output", "store", "themes", "report_templates"];

    /// <summary>The partnership's priorities the report can write as chapters (<c>themes:</c>).</summary>
    public static IReadOnlyList<string> KnownThemes => Report.ThemeChapters.All;

    /// <summary>Themes written as report chapters (<c>themes:</c>); every known theme when the file does not say.</summary>
    public IReadOnlyList<string> Themes { get; init; } = Report.ThemeChapters.All;

    /// <summary>
    /// A folder of report templates (<c>report_templates:</c>, absolute) that replace the shipped ones of the same file
    /// name, or null for the shipped layout.
    /// </summary>
    public string? ReportTemplates { get; init; }

    /// <summary>DuckDB's memory limit and spill folder for this assessment's store (<c>store:</c>).</summary>
    public StoreLimits Store { get; init; } = StoreLimits.Default;

    /// <summary>Reads and validates an assessment file; every problem is reported with its line.</summary>
    public static AssessmentFile Load(string path)
    {
        if (!File.Exists(path)) throw new UserErrorException($"Assessment file '{path}' does not exist. Write a starter with 'needs-assessment init {path}'.");
        var text = File.ReadAllText(path);
        return Parse(text, System.IO.Path.GetFullPath(path));
    }

    /// <summary>Parses assessment YAML; <paramref name="path"/> names it in errors and anchors relative paths.</summary>
    public static AssessmentFile Parse(string yaml, string path)
    {
        var errors = new List<string>();
        var name = System.IO.Path.GetFileName(path);
        var baseDir = System.IO.Path.GetDirectoryName(path) ?? ".";
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new UserErrorException($"{name}:{ex.Start.Line}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new UserErrorException($"{name}:1: expected a mapping of settings (partnership:, inputs:, output: ...). Write a starter with 'needs-assessment init'.");

        string At(YamlNode n) => $"{name}:{n.Start.Line}";
        YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;
        string? Scalar(YamlNode? n, string what)
        {
            if (n is null) return null;
            if (n is YamlScalarNode s) return s.Value;
            errors.Add($"{At(n)}: {what} should be a single value.");
            return null;
        }
        List<string> List(YamlNode? n, string what)
        {
            switch (n)
            {
                case null: return [];
                case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value): return [s.Value!];
                case YamlSequenceNode seq:
                    var items = new List<string>();
                    foreach (var item in seq.Children)
                    {
                        if (item is YamlScalarNode si && si.Value is not null) items.Add(si.Value);
                        else errors.Add($"{At(item)}: each entry of {what} should be a single value.");
                    }
                    return items;
                default:
                    errors.Add($"{At(n)}: {what} should be a value or a list.");
                    return [];
            }
        }
        void CheckKeys(YamlMappingNode m, IReadOnlyCollection<string> allowed, string where)
        {
            foreach (var (k, _) in m.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (allowed.Contains(key)) continue;
                var closest = allowed.OrderBy(a => Ingest.HeaderMatcher.Distance(a, key)).First();
                errors.Add($"{At(k)}: unknown setting '{key}'{where}. Did you mean '{closest}'? Allowed: {string.Join(", ", allowed)}.");
            }
        }
        CheckKeys(root, TopKeys, "");

        var partnership = Get(root, "partnership") as YamlMappingNode;
        if (Get(root, "partnership") is { } pn && partnership is null) errors.Add($"{At(pn)}: partnership should have name: and area:.");
        if (partnership is not null) CheckKeys(partnership, ["name", "area", "local_authorities", "csp", "boundary"], " under partnership");
        var authorities = new List<string>();
        if (partnership is not null && Get(partnership, "local_authorities") is { } la)
        {
            if (la is YamlSequenceNode ls)
                foreach (var item in ls.Children)
                    if (item is YamlScalarNode { Value: { Length: > 0 } v } && !string.IsNullOrWhiteSpace(v)) authorities.Add(v.Trim());
                    else errors.Add($"{At(item)}: each of partnership.local_authorities should be a local authority code (E06000014) or name (York).");
            else if (la is YamlScalarNode { Value: { Length: > 0 } one } && !string.IsNullOrWhiteSpace(one)) authorities.Add(one.Trim());
            else errors.Add($"{At(la)}: partnership.local_authorities should be a list of local authority codes or names, e.g. [E06000014, E06000065].");
        }
        var csps = new List<string>();
        if (partnership is not null && Get(partnership, "csp") is { } cn)
        {
            foreach (var c in List(cn, "partnership.csp"))
                if (!string.IsNullOrWhiteSpace(c)) csps.Add(c.Trim());
                else errors.Add($"{At(cn)}: partnership.csp should be a community safety partnership code (E22000xxx) or name (York), or a list of them.");
        }
        string? boundary = null;
        if (partnership is not null && Scalar(Get(partnership, "boundary"), "partnership.boundary") is { } bp)
        {
            if (string.IsNullOrWhiteSpace(bp)) errors.Add($"{At(Get(partnership, "boundary")!)}: partnership.boundary should be a GeoJSON file of the partnership's boundary.");
            else
            {
                boundary = System.IO.Path.IsPathRooted(bp) ? bp : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, bp));
                if (!File.Exists(boundary)) errors.Add($"{At(Get(partnership, "boundary")!)}: partnership.boundary '{bp}' is not a file (looked for {boundary}).");
            }
        }
        var partnershipName = Scalar(partnership is null ? null : Get(partnership, "name"), "partnership name") ?? "Community Safety Partnership";
        var area = Scalar(partnership is null ? null : Get(partnership, "area"), "partnership area") ?? partnershipName;

        var inputs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var mappings = new Dictionary<string, Ingest.InputMapping>(StringComparer.Ordinal);
        var inputsNode = Get(root, "inputs");
        if (inputsNode is YamlMappingNode im)
        {
            var catalog = SchemaCatalog.Default;
            foreach (var (k, v) in im.Children)
            {
                var kind = (k as YamlScalarNode)?.Value ?? "";
                if (!catalog.Contains(kind))
                {
                    var closest = catalog.Kinds.OrderBy(a => Ingest.HeaderMatcher.Distance(a, kind)).First();
                    errors.Add($"{At(k)}: unknown dataset kind '{kind}'. Did you mean '{closest}'? Kinds: {string.Join(", ", catalog.Kinds)}.");
                    continue;
                }
                var filesNode = v;
                if (v is YamlMappingNode mapped)
                {
                    // files: plus a mapping of the partner's layout onto the schema.
                    CheckKeys(mapped, InputMappingYaml.Keys, $" under inputs.{kind}");
                    filesNode = Get(mapped, "files");
                    if (filesNode is null) errors.Add($"{At(mapped)}: inputs.{kind} has a mapping but no 'files:' to read.");
                    var mapping = InputMappingYaml.Read(mapped, $"inputs.{kind}", At, errors);
                    var where = $"{At(mapped)}: inputs.{kind}";
                    foreach (var problem in mapping.Problems(catalog.Get(kind), where)) errors.Add(problem);
                    mappings[kind] = mapping;
                }
                var paths = List(filesNode, $"inputs.{kind}");
                inputs[kind] = paths.Select(p => System.IO.Path.IsPathRooted(p) ? p : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, p))).ToList();
            }
        }
        else if (inputsNode is not null) errors.Add($"{At(inputsNode)}: inputs should map dataset kinds to files, e.g. 'police-street: [data/police-uk/]'.");
        else errors.Add($"{name}:1: 'inputs:' is missing: say which files to load, per dataset kind.");

        var definition = Scalar(Get(root, "definition"), "definition") ?? Classify.SeriousViolenceDefinition.DefaultName;
        if (!Classify.SeriousViolenceDefinition.BuiltInNames.Contains(definition))
        {
            var full = System.IO.Path.IsPathRooted(definition) ? definition : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, definition));
            if (!File.Exists(full)) errors.Add($"{At(Get(root, "definition")!)}: definition '{definition}' is neither a file nor a built-in ({string.Join(", ", Classify.SeriousViolenceDefinition.BuiltInNames)}).");
            definition = full;
        }

        var levels = IndicatorLevels.Default.ToList();
        if (Get(root, "geography") is YamlMappingNode gm)
        {
            CheckKeys(gm, ["levels"], " under geography");
            levels = List(Get(gm, "levels"), "geography levels");
            foreach (var l in levels.Where(l => !IndicatorLevels.All.Contains(l)))
                errors.Add($"{At(Get(gm, "levels")!)}: unknown geography level '{l}'. Levels: {string.Join(", ", IndicatorLevels.All)}.");
        }
        var periods = List(Get(root, "periods"), "periods");
        if (periods.Count == 0) periods = ["financial_year", "rolling_12_months"];
        foreach (var p in periods.Where(p => !KnownPeriods.Contains(p)))
            errors.Add($"{At(Get(root, "periods")!)}: unknown period type '{p}'. Periods: {string.Join(", ", KnownPeriods)}.");

        var benchmark = Scalar(Get(root, "benchmark"), "benchmark") ?? "partnership";
        if (benchmark != "partnership" && !double.TryParse(benchmark, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            errors.Add($"{At(Get(root, "benchmark")!)}: benchmark should be 'partnership' or a number (a national value).");

        var suppression = SuppressionSetting.Preset("nhs");
        var sNode = Get(root, "suppression");
        if (sNode is YamlScalarNode ss)
        {
            suppression = ss.Value is "nhs" or "fingertips" or "none"
                ? SuppressionSetting.Preset(ss.Value)
                : Fail(ss, $"suppression should be nhs, fingertips, none, or min:/max: thresholds, not '{ss.Value}'.");
        }
        else if (sNode is YamlMappingNode sm)
        {
            CheckKeys(sm, ["min", "max"], " under suppression");
            int Int(string key, int dflt)
            {
                var v = Scalar(Get(sm, key), $"suppression {key}");
                if (v is null) return dflt;
                if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0) return i;
                errors.Add($"{At(Get(sm, key)!)}: suppression {key} should be a whole number >= 0.");
                return dflt;
            }
            suppression = new SuppressionSetting("custom", Int("min", 1), Int("max", 7));
            if (suppression.MinHidden < 1 || suppression.MaxHidden < suppression.MinHidden)
                errors.Add($"{At(sm)}: suppression min should be at least 1 (zero discloses no one) and max at least min.");
        }
        SuppressionSetting Fail(YamlNode n, string message) { errors.Add($"{At(n)}: {message}"); return SuppressionSetting.Preset("nhs"); }

        var indicators = List(Get(root, "indicators"), "indicators");
        if (indicators.Count == 0) indicators = ["all"];
        var methods = KnownHotspotMethods.ToList();
        double? cellSize = null;
        if (Get(root, "hotspots") is YamlMappingNode hm)
        {
            CheckKeys(hm, ["methods", "cell_size"], " under hotspots");
            if (Get(hm, "methods") is { } mn)
            {
                methods = List(mn, "hotspot methods");
                foreach (var m in methods.Where(m => !KnownHotspotMethods.Contains(m)))
                    errors.Add($"{At(mn)}: unknown hotspot method '{m}'. Methods: {string.Join(", ", KnownHotspotMethods)}.");
            }
            var cs = Scalar(Get(hm, "cell_size"), "hotspot cell size");
            if (cs is not null && cs != "auto")
            {
                if (double.TryParse(cs, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c > 0) cellSize = c;
                else errors.Add($"{At(Get(hm, "cell_size")!)}: cell_size should be 'auto' or metres > 0.");
            }
        }
        var charts = List(Get(root, "charts"), "charts");
        if (charts.Count == 0) charts = ["all"];
        var output = Scalar(Get(root, "output"), "output") ?? "assessment-output";
        output = System.IO.Path.IsPathRooted(output) ? output : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, output));

        var limits = StoreLimits.Default;
        if (Get(root, "store") is YamlMappingNode stm)
        {
            CheckKeys(stm, ["memory_limit", "temp_directory"], " under store");
            var memoryText = Scalar(Get(stm, "memory_limit"), "store memory_limit");
            string? memory = null;
            if (memoryText is not null && memoryText != "auto")
            {
                memory = StoreLimits.ParseSize(memoryText);
                if (memory is null) errors.Add($"{At(Get(stm, "memory_limit")!)}: memory_limit should be 'auto', a size such as 2GB or 1500MB, or a share such as 50%, not '{memoryText}'.");
            }
            var temp = Scalar(Get(stm, "temp_directory"), "store temp_directory");
            if (temp is not null) temp = System.IO.Path.IsPathRooted(temp) ? temp : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, temp));
            limits = new StoreLimits(memory, temp);
        }
        else if (Get(root, "store") is { } stn) errors.Add($"{At(stn)}: store should have memory_limit: and/or temp_directory:.");

        var themes = Get(root, "themes") is { } tn ? List(tn, "themes") : KnownThemes.ToList();
        foreach (var t in themes.Where(t => !KnownThemes.Contains(t)))
        {
            var closest = KnownThemes.OrderBy(a => Ingest.HeaderMatcher.Distance(a, t)).First();
            errors.Add($"{At(Get(root, "themes")!)}: unknown theme '{t}'. Did you mean '{closest}'? Themes: {string.Join(", ", KnownThemes)}.");
        }

        var templates = Scalar(Get(root, "report_templates"), "report_templates");
        if (templates is not null)
        {
            templates = System.IO.Path.IsPathRooted(templates) ? templates : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, templates));
            if (!Directory.Exists(templates)) errors.Add($"{At(Get(root, "report_templates")!)}: report_templates folder '{templates}' does not exist: give a folder of .liquid files named as the shipped templates (see the README).");
        }

        if (errors.Count > 0) throw new UserErrorException(string.Join(Environment.NewLine, errors));
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        return new AssessmentFile(path, sha, partnershipName, area, inputs, definition, levels, periods, benchmark, suppression,
            indicators, methods, cellSize, charts, output)
        { Store = limits, Mappings = mappings, AreaDeclaration = new PartnershipArea(authorities) { Csps = csps, BoundaryFile = boundary }, Themes = KnownThemes.Where(themes.Contains).ToList(), ReportTemplates = templates };
    }

    /// <summary>A commented starter file: the analyst edits the paths and names.</summary>
    /// <param name="partnership">Partnership name.</param>
    /// <param name="localAuthorities">The area's local authorities (codes or names); the example's York when nothing names the area.</param>
    /// <param name="csps">The area's community safety partnerships (codes or names), resolved through the CSP lookup.</param>
    /// <param name="boundary">A boundary file of the area (GeoJSON), relative to the assessment file.</param>
    public static string Starter(string partnership = "Example Community Safety Partnership", IReadOnlyList<string>? localAuthorities = null,
        IReadOnlyList<string>? csps = null, string? boundary = null)
    {
        var hasLa = localAuthorities is { Count: > 0 };
        var hasCsp = csps is { Count: > 0 };
        var named = hasLa || hasCsp || boundary is not null;
        var la = $"local_authorities: [{string.Join(", ", hasLa ? localAuthorities! : ["E06000014"])}]";
        var csp = $"csp: [{string.Join(", ", hasCsp ? csps!.Select(c => c.Contains(',', StringComparison.Ordinal) ? $"\"{c}\"" : c) : ["York"])}]";
        var bd = $"boundary: {(boundary is null ? "data/partnership-boundary.geojson" : boundary.Contains(':', StringComparison.Ordinal) || boundary.Contains('#', StringComparison.Ordinal) ? $"\"{boundary}\"" : boundary)}";
        string Line(bool on, string text, string comment) => $"{(on ? "" : "# ")}{text,-46} # {comment}";
        var area = string.Join("\n  ", [
            Line(hasLa || !named, la, "the area: local authority codes or names (see the ward lookup)"),
            Line(hasCsp, csp, "and/or community safety partnerships, through the CSP lookup (inputs: csp-lookup)"),
            Line(boundary is not null, bd, "and/or a boundary: LSOAs whose population-weighted centroid is inside"),
        ]);
        var cspInput = Line(hasCsp, "csp-lookup: [data/LAD23_CSP23_PFA23_EW_LU.csv]", "local authority -> CSP -> police force area (ONS)");
        return StarterText(partnership, area, cspInput);
    }

    private static string StarterText(string partnership, string area, string cspInput) => $$"""
        # NeedsAssessment assessment file: what goes in and what comes out of one strategic needs assessment.
        # Run it with: needs-assessment run <this file>. Paths are relative to this file.

        partnership:
          name: {{partnership}}
          area: The partnership's area                    # how the report names it
          {{area}}

        # Partner files per dataset kind: files, folders or globs (see 'needs-assessment kinds').
        inputs:
          police-street: [data/police-uk/]                 # data.police.uk monthly street files
          # police-recorded-crime:                        # a force extract with its own headers and codes
          #   files: [data/force-extract.xlsx]
          #   sheet: Crimes                              # Excel: the sheet (default: the first)
          #   header_row: 1                              # the row holding the column names
          #   columns: {ho_offence_code: HOCode, recorded_date: Date Recorded}
          #   values:
          #     victim_sex: {Male: M, Female: F, Unknown: U}
          #   date_format: "%d.%m.%Y"                    # strptime form of the file's dates
          # health-ed-assault: [data/ed-assaults-*.csv]
          # health-admission: [data/admissions.csv]
          # ambulance-assault: [data/ambulance.csv]
          # justice-cohort: [data/justice.csv]
          lsoa-lookup: [data/LSOA11_LSOA21_LAD22_lookup_EW_v2.csv]
          ward-lookup: [data/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv]   # LSOA -> ward -> local authority, England and Wales
          # rural-urban: [data/Rural_Urban_Classification_2021_of_LSOAs_in_EW.csv]   # ONS RUC 2021: urban and rural parity
          {{cspInput}}
          centroids: [data/LSOA_Dec_2021_PWC_EW.csv]
          boundaries: [data/lsoa-boundaries.geojson]
          population: [data/census2021_lsoa21_usual_residents_by_age6.csv]
          deprivation: [data/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv]
          # geography: [data/area-hierarchy.csv]           # LSOA -> ward -> district -> hub -> partnership

        # Serious violence definition: a built-in (home-office-core, london-under-25, norfolk-style) or a YAML file.
        definition: home-office-core

        geography:
          levels: [lsoa, ward, district, partnership]

        periods: [financial_year, rolling_12_months]     # also: month, quarter

        benchmark: partnership                           # or a national value, e.g. 1.9

        suppression: nhs                                 # nhs (1-7 hidden), fingertips (1-5), none, or {min: 1, max: 9}

        indicators: all                                  # or a list of indicator ids

        hotspots:
          methods: [gistar, lisa, kde]
          cell_size: auto                                # or metres, e.g. 250

        charts: all

        # The partnership's priorities, each a report chapter (default: all); a theme the data cannot answer says which data would.
        themes: [vawg, domestic_abuse, hate, rural, early_intervention]

        output: assessment-output

        # DuckDB's working memory and where it spills what does not fit (default: half this machine's memory, and
        # a folder beside the store). Lower it on a shared or small machine; large steps then spill rather than fail.
        # store:
        #   memory_limit: 2GB
        #   temp_directory: assessment-output/spill
        """;
}
