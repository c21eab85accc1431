namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// A preview for looking at by eye, not a check: it runs only when <c>variable</c> names a folder to write into, and is
/// reported as skipped otherwise. As a plain fact it returned early and counted as a passing test that checked nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PreviewFactAttribute : FactAttribute
{
    public PreviewFactAttribute(string variable)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            Skip = $"A preview: set {variable} to a folder to write it there.";
    }
}
