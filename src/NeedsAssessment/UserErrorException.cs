namespace NeedsAssessment;

/// <summary>
/// An error the user can act on (a wrong file, an unknown kind, a bad option). The CLI prints its message
/// without a stack trace and exits non-zero; anything else is a bug.
/// </summary>
public class UserErrorException : Exception
{
    /// <summary>Creates the error with the message to show.</summary>
    public UserErrorException(string message) : base(message) { }

    /// <summary>Creates the error with the message to show and the underlying cause.</summary>
    public UserErrorException(string message, Exception inner) : base(message, inner) { }
}
