using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace NeedsAssessment.Indicators;

/// <summary>
/// The indicator catalogue: a declarative YAML list of <see cref="IndicatorDefinition"/>s. The built-in one is
/// <c>data-schemas/indicators/catalogue.yaml</c>, embedded in the library; a partnership edits a copy and loads it
/// with <see cref="Load"/>.
/// </summary>
public sealed class IndicatorCatalogue
{
    /// <summary>Embedded resource name of the built-in catalogue.</summary>
    public const string ResourceName = "data-schemas/indicators/catalogue.yaml";

    private static readonly Lazy<IndicatorCatalogue> BuiltIn = new(() =>
        Parse(Store.SchemaCatalog.ReadResource(typeof(IndicatorCatalogue).Assembly, ResourceName), "built-in catalogue.yaml"));

    /// <summary>Catalogue version (the YAML's <c>version</c>).</summary>
    public string Version { get; }

    /// <summary>Where the catalogue came from (path or "built-in").</summary>
    public string Origin { get; }

    /// <summary>Indicators in catalogue order.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    private IndicatorCatalogue(string version, string origin, IReadOnlyList<IndicatorDefinition> indicators)
    {
        Version = version;
        Origin = origin;
        Indicators = indicators;
    }

    /// <summary>The built-in catalogue.</summary>
    public static IndicatorCatalogue Default => BuiltIn.Value;

    /// <summary>The indicator with that id.</summary>
    /// <exception cref="UserErrorException">No such indicator.</exception>
    public IndicatorDefinition Get(string id) =>
        Indicators.FirstOrDefault(i => i.Id == id)
        ?? throw new UserErrorException($"No indicator '{id}' in the catalogue ({Origin}). Known ids: {string.Join(", ", Indicators.Select(i => i.Id))}.");

    /// <summary>Loads a catalogue file.</summary>
    /// <param name="path">Path of a YAML catalogue.</param>
    public static IndicatorCatalogue Load(string path)
    {
        if (!File.Exists(path))
            throw new UserErrorException($"Indicator catalogue '{path}' does not exist. Copy data-schemas/indicators/catalogue.yaml and edit it, or omit the catalogue to use the built-in one.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates catalogue YAML; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="UserErrorException">The YAML is malformed or an indicator is invalid (the message names it).</exception>
    public static IndicatorCatalogue Parse(string yaml, string origin)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        CatalogueDocument doc;
        try
        {
            doc = deserializer.Deserialize<CatalogueDocument>(yaml) ?? new CatalogueDocument();
        }
        catch (YamlException ex)
        {
            throw new UserErrorException($"Indicator catalogue {origin}, line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        var errors = Validate(doc.Indicators);
        if (errors.Count > 0)
            throw new UserErrorException($"Indicator catalogue {origin} has {errors.Count} problem(s):\n  " + string.Join("\n  ", errors));
        return new IndicatorCatalogue(doc.Version ?? "unversioned", origin, doc.Indicators);
    }

    private static List<string> Validate(List<IndicatorDefinition> indicators)
    {
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in indicators)
        {
            var who = string.IsNullOrWhiteSpace(d.Id) ? "(indicator without id)" : $"indicator '{d.Id}'";
            if (string.IsNullOrWhiteSpace(d.Id)) errors.Add($"{who}: id is required.");
            else if (!ids.Add(d.Id)) errors.Add($"{who}: id appears more than once.");
            if (d.Domain is not ("prevalence" or "severity" or "impact"))
                errors.Add($"{who}: domain must be prevalence, severity or impact but was '{d.Domain}'.");
            if (d.Polarity.Length > 0 && !IndicatorPolarity.All.Contains(d.Polarity))
                errors.Add($"{who}: polarity must be one of {string.Join(", ", IndicatorPolarity.All)} but was '{d.Polarity}'.");
            if (!IndicatorMethods.All.Contains(d.Method))
                errors.Add($"{who}: method must be one of {string.Join(", ", IndicatorMethods.All)} but was '{d.Method}'.");
            if (d.Multiplier <= 0) errors.Add($"{who}: multiplier must be > 0 but was {d.Multiplier}.");
            foreach (var l in d.Levels.Where(l => !IndicatorLevels.All.Contains(l)))
                errors.Add($"{who}: level '{l}' is not one of {string.Join(", ", IndicatorLevels.All)}.");
            foreach (var p in d.Periods.Where(p => !PeriodTypes.All.Contains(p)))
                errors.Add($"{who}: period '{p}' is not one of {string.Join(", ", PeriodTypes.All)}.");
            if (d.Levels.Count == 0) errors.Add($"{who}: levels must list at least one level.");
            if (d.Periods.Count == 0) errors.Add($"{who}: periods must list at least one period type.");
            if (IndicatorMethods.BaseMethods.Contains(d.Method))
            {
                if (d.Base is null || !indicators.Any(o => o.Id == d.Base && o.Numerator is not null))
                    errors.Add($"{who}: method {d.Method} needs base: the id of an indicator with a numerator (got '{d.Base}').");
            }
            else if (d.Method == IndicatorMethods.Convergence)
            {
                if (d.Components.Count < 2) errors.Add($"{who}: convergence needs at least two components.");
            }
            else if (d.Numerator is null)
            {
                errors.Add($"{who}: numerator is required for method {d.Method}.");
            }
            if (d.Numerator is { } n && n.Table is not ("events" or "justice_cohort" or IndicatorEngine.HomeOfficeTable or IndicatorEngine.StopSearchTable))
                errors.Add($"{who}: numerator.table must be events, justice_cohort, {IndicatorEngine.HomeOfficeTable} or {IndicatorEngine.StopSearchTable} but was '{n.Table}'.");
            if (d.Numerator is { Table: "justice_cohort", CohortKind: null })
                errors.Add($"{who}: numerator.cohort_kind is required for justice_cohort.");
            if (d.Denominator?.Population is { } band && !PopulationBands.All.Contains(band))
                errors.Add($"{who}: denominator.population must be one of {string.Join(", ", PopulationBands.All)} but was '{band}'.");
            var needsPopulation = d.Method is IndicatorMethods.CrudeRate or IndicatorMethods.HarmRate or IndicatorMethods.Dsr;
            if (needsPopulation && d.Denominator?.Population is null)
                errors.Add($"{who}: method {d.Method} needs denominator.population.");
            if (d.Method is IndicatorMethods.Proportion or IndicatorMethods.CountRatio && d.Denominator is not { Filter: not null } and not { Cohort: true })
                errors.Add($"{who}: method {d.Method} needs denominator.filter (or denominator.cohort for justice cohorts).");
            if (d.TopFraction is <= 0 or > 1) errors.Add($"{who}: top_fraction must be in (0, 1] but was {d.TopFraction}.");
        }
        return errors;
    }

    private sealed class CatalogueDocument
    {
        public string? Version { get; set; }

        public List<IndicatorDefinition> Indicators { get; set; } = [];
    }
}
