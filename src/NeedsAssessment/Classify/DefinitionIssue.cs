namespace NeedsAssessment.Classify;

/// <summary>One problem found in a serious violence definition.</summary>
/// <param name="Origin">The definition file (or <c>built-in:&lt;name&gt;</c>, or <c>(code)</c> for one built in C#).</param>
/// <param name="Line">1-based line in the file, or null when the definition was not read from text.</param>
/// <param name="Message">What is wrong, the bad value, what is allowed and how to fix it.</param>
public sealed record DefinitionIssue(string Origin, int? Line, string Message)
{
    /// <summary>The issue as <c>file:line: message</c>, the form editors and CI logs link to.</summary>
    public override string ToString() => Line is { } l ? $"{Origin}:{l}: {Message}" : $"{Origin}: {Message}";
}
