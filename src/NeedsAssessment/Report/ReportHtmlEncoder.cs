using System.Net;
using System.Text.Encodings.Web;

namespace NeedsAssessment.Report;

/// <summary>
/// HTML-encodes every value a report template prints, as <see cref="WebUtility.HtmlEncode(string)"/> does: the markup
/// characters (&amp; &lt; &gt; " ') and Latin-1 letters as character references, everything else as it is, so the
/// report reads the same in any browser. Fluid passes each value through it unless the template marks the value
/// trusted with <c>| raw</c>.
/// </summary>
internal sealed class ReportHtmlEncoder : TextEncoder
{
    public static ReportHtmlEncoder Instance { get; } = new();

    public override int MaxOutputCharactersPerInputCharacter => 10;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is '<' or '>' or '&' or '"' or '\'' or (>= 160 and < 256) or > 0xFFFF;

    public override string Encode(string value) => WebUtility.HtmlEncode(value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        output.Write(WebUtility.HtmlEncode(value.Substring(startIndex, characterCount)));

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
            if (char.IsSurrogate(span[i]) || WillEncode(span[i])) return i;
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var encoded = WillEncode(unicodeScalar) ? WebUtility.HtmlEncode(char.ConvertFromUtf32(unicodeScalar)) : char.ConvertFromUtf32(unicodeScalar);
        numberOfCharactersWritten = 0;
        if (encoded.Length > bufferLength) return false;
        encoded.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = encoded.Length;
        return true;
    }
}
