using NeedsAssessment.Report;

namespace NeedsAssessment.Tests.Report;

public class ReportFormatTests
{
    [Theory]
    [InlineData(-0.004, 1, "0.0")]
    [InlineData(-0.04, 1, "0.0")]
    [InlineData(-0.06, 1, "-0.1")]
    [InlineData(0.04, 1, "0.0")]
    [InlineData(1234.56, 1, "1,234.6")]
    public void A_number_that_rounds_to_zero_never_prints_as_minus_zero(double value, int decimals, string expected) =>
        Assert.Equal(expected, ReportFormat.Number(value, decimals));
}
