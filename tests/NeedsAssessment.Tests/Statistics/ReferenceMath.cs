namespace NeedsAssessment.Tests.Statistics;

/// <summary>
/// Independent reference calculations for the tests: written from first principles (series sums and
/// bisection) so that they share no code or library call with the implementation under test.
/// </summary>
internal static class ReferenceMath
{
    // Standard normal quantiles from published tables (Abramowitz & Stegun 26.2), not from MathNet.
    internal const double Z95 = 1.959963984540054;
    internal const double Z998 = 3.090232306167813;

    /// <summary>P(X &lt;= k) for X ~ Poisson(mu), summing the probability mass in log space.</summary>
    internal static double PoissonCdf(int k, double mu)
    {
        if (k < 0)
        {
            return 0;
        }

        double logTerm = -mu; // log P(X = 0)
        double sum = Math.Exp(logTerm);
        for (var i = 1; i <= k; i++)
        {
            logTerm += Math.Log(mu) - Math.Log(i);
            sum += Math.Exp(logTerm);
        }

        return Math.Min(1, sum);
    }

    /// <summary>P(X &lt;= k) for X ~ Binomial(n, p), summing the mass in log space.</summary>
    internal static double BinomialCdf(int k, int n, double p)
    {
        if (k < 0)
        {
            return 0;
        }

        if (k >= n)
        {
            return 1;
        }

        double sum = 0;
        for (var i = 0; i <= k; i++)
        {
            var logC = LogFactorial(n) - LogFactorial(i) - LogFactorial(n - i);
            sum += Math.Exp(logC + (i * Math.Log(p)) + ((n - i) * Math.Log(1 - p)));
        }

        return Math.Min(1, sum);
    }

    internal static double LogFactorial(int n)
    {
        double s = 0;
        for (var i = 2; i <= n; i++)
        {
            s += Math.Log(i);
        }

        return s;
    }

    /// <summary>Root of a monotone function on [lo, hi] by bisection to machine-level tolerance.</summary>
    internal static double Bisect(Func<double, double> f, double lo, double hi)
    {
        var flo = f(lo);
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            var fmid = f(mid);
            if (Math.Sign(fmid) == Math.Sign(flo))
            {
                lo = mid;
                flo = fmid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>Exact upper limit: the mean mu at which P(X &lt;= O) = alpha/2 (Garwood's definition).</summary>
    internal static double ExactUpperByBisection(int count, double confidence)
    {
        var tail = (1 - confidence) / 2;
        return Bisect(mu => PoissonCdf(count, mu) - tail, 0, (10 * count) + 50);
    }

    /// <summary>Exact lower limit: the mean mu at which P(X &gt;= O) = alpha/2; zero for O = 0.</summary>
    internal static double ExactLowerByBisection(int count, double confidence)
    {
        if (count == 0)
        {
            return 0;
        }

        var tail = (1 - confidence) / 2;
        return Bisect(mu => (1 - PoissonCdf(count - 1, mu)) - tail, 0, (10 * count) + 50);
    }

    internal static void Near(double expected, double actual, double tolerance, string what = "")
    {
        Assert.True(
            Math.Abs(expected - actual) <= tolerance,
            $"{what} expected {expected} ± {tolerance} but was {actual} (difference {actual - expected}).");
    }
}
