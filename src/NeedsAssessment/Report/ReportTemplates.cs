using System.Collections.Concurrent;
using System.Reflection;
using Fluid;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace NeedsAssessment.Report;

/// <summary>
/// The report's layout as Liquid templates, rendered by Fluid: <c>report.liquid</c> (the page: head, style, contents,
/// the sections in order, footer), one template per section, and the shared <c>table</c> and <c>figure</c> templates.
/// They ship inside the library (<c>src/NeedsAssessment/Report/Templates</c>); a folder given as
/// <see cref="ReportOptions.Templates"/> (the assessment file's <c>report_templates:</c>) overrides any of them by
/// file name, so an analyst changes the layout without touching the code that decides the numbers. Templates see
/// only the view records the sections fill from the result tables; every value is HTML-encoded unless a template
/// marks it <c>| raw</c> (only the PNG's base64 text and the theme chapters' fragment are).
/// </summary>
internal static class ReportTemplates
{
    /// <summary>Prefix of the templates' embedded resource names.</summary>
    private const string ResourcePrefix = "report-templates/";

    private static readonly FluidParser Parser = new();

    private static readonly ConcurrentDictionary<string, TemplateOptions> Options = new(StringComparer.Ordinal);

    /// <summary>The names of the templates that ship with the library (file names without <c>.liquid</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(ReportTemplates).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".liquid", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".liquid".Length]).Order(StringComparer.Ordinal).ToList();

    /// <summary>A shipped template's text, for an analyst to copy into an override folder.</summary>
    public static string Text(string name)
    {
        using var s = typeof(ReportTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".liquid")
            ?? throw new ArgumentException($"No report template '{name}'.", nameof(name));
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Renders template <paramref name="name"/> with <paramref name="model"/> as <c>m</c>.</summary>
    /// <exception cref="UserErrorException">An override template does not parse or fails to render.</exception>
    public static string Render(string name, object model, string? overrideFolder = null)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        RenderTo(writer, name, model, overrideFolder);
        return writer.ToString();
    }

    /// <summary>
    /// Renders template <paramref name="name"/> with <paramref name="model"/> as <c>m</c> into <paramref name="writer"/>:
    /// the page goes straight into its file, not through a string of twice its size (the images' base64 is most of it).
    /// </summary>
    /// <exception cref="UserErrorException">An override template does not parse or fails to render.</exception>
    public static void RenderTo(TextWriter writer, string name, object model, string? overrideFolder = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // The shipped templates are parsed once per process; an override folder is read afresh, so an edit shows at once.
        var options = overrideFolder is null ? Options.GetOrAdd("", _ => Create(null)) : Create(overrideFolder);
        var provider = (TemplateFiles)options.FileProvider;
        var template = provider.Parsed(name + ".liquid");
        var context = new TemplateContext(options);
        context.SetValue("m", model);
        try
        {
            var rendering = template.RenderAsync(writer, context, ReportHtmlEncoder.Instance);
            if (!rendering.IsCompletedSuccessfully) rendering.AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (provider.Folder is not null && e is not UserErrorException and not OutOfMemoryException)
        {
            throw new UserErrorException($"report_templates: a template in '{provider.Folder}' failed while rendering '{name}': {e.Message}");
        }
    }

    /// <summary>Checks an override folder: it exists and every template in it parses (nothing to check when null).</summary>
    /// <exception cref="UserErrorException">The folder does not exist, or a template in it does not parse; the message names it.</exception>
    public static void Check(string? overrideFolder)
    {
        if (overrideFolder is not null) _ = Create(overrideFolder);
    }

    /// <summary>Parses every shipped template now (each is parsed once per process), ahead of the first page.</summary>
    public static void ParseShipped()
    {
        var provider = (TemplateFiles)Options.GetOrAdd("", _ => Create(null)).FileProvider;
        foreach (var name in Names) provider.Parsed(name + ".liquid");
    }

    private static TemplateOptions Create(string? folder)
    {
        if (folder is not null && !Directory.Exists(folder))
            throw new UserErrorException($"report_templates: folder '{folder}' does not exist. Give a folder holding .liquid files named as the shipped ones ({string.Join(", ", Names)}).");
        // Each override is parsed up front, so a mistake is reported with its file name before anything is written.
        foreach (var file in folder is null ? Enumerable.Empty<string>() : Directory.GetFiles(folder, "*.liquid").Order(StringComparer.Ordinal))
            if (!Parser.TryParse(File.ReadAllText(file), out _, out var error))
                throw new UserErrorException($"report_templates: template '{Path.GetFileName(file)}' in '{Path.GetFullPath(folder!)}' does not parse: {error}");
        var options = new TemplateOptions
        {
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
            MemberAccessStrategy = UnsafeMemberAccessStrategy.Instance,
            FileProvider = new TemplateFiles(folder),
        };
        // Templates name view members in Liquid's snake_case (Caption -> caption, CssClass -> css_class).
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        return options;
    }

    /// <summary>The templates by file name: the override folder's first, then the shipped ones; each parsed once.</summary>
    private sealed class TemplateFiles(string? folder) : IFileProvider
    {
        private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

        public string? Folder { get; } = folder is null ? null : Path.GetFullPath(folder);

        public IFluidTemplate Parsed(string file) => _parsed.GetOrAdd(file, f =>
        {
            var text = Read(f) ?? throw new InvalidOperationException($"No report template '{f}'.");
            if (Parser.TryParse(text, out var template, out var error)) return template;
            throw new UserErrorException($"report_templates: template '{f}'{(Folder is null ? "" : $" in '{Folder}'")} does not parse: {error}");
        });

        public IFileInfo GetFileInfo(string subpath)
        {
            var name = subpath.TrimStart('/');
            var text = Read(name);
            return text is null ? new NotFoundFileInfo(name) : new TemplateFile(name, text);
        }

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

        private string? Read(string name)
        {
            if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal)) return null;
            if (Folder is not null)
            {
                var path = Path.Combine(Folder, name);
                if (File.Exists(path)) return File.ReadAllText(path);
            }
            using var s = typeof(ReportTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name);
            if (s is null) return null;
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }
    }

    private sealed class TemplateFile(string name, string text) : IFileInfo
    {
        public bool Exists => true;

        public long Length => text.Length;

        public string? PhysicalPath => null;

        public string Name => name;

        // Fixed, so a cached parse never depends on the clock.
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
