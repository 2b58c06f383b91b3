#!/usr/bin/env python3
"""Derives the polynomial coefficients used by KernelMath.

Run with python3 (needs mpmath >= 1.3, nothing else):  python3 coefficients.py
It prints one C# constant block per approximation, in the order the .cs files use them,
and the measured maximum error of the double-rounded polynomial against mpmath.

Method: mpmath.chebyfit (Chebyshev interpolation, within a small factor of minimax) of a
smooth, well-scaled auxiliary function on the reduction interval, re-expanded in monomials
around the interval centre so that Horner evaluation is stable (terms shrink geometrically).
"""
import mpmath as mp

mp.mp.dps = 60


def fit(name, f, a, b, degree, centre=None, weight=None):
    """Fits f on [a, b] by a polynomial of the given degree in u = t - centre.

    Returns the double-rounded coefficients c0..cn (lowest first) and prints them with the
    maximum error |p(u) - f(t)| * weight(t), evaluated in high precision with the rounded
    coefficients.
    """
    a, b = mp.mpf(a), mp.mpf(b)
    m = mp.mpf(0) if centre is None else mp.mpf(centre)
    poly, _ = mp.chebyfit(f, [a, b], degree + 1, error=True)  # highest degree first, in t
    # Re-expand sum p_j t^j around m: t = u + m.
    p = list(reversed(poly))  # lowest first
    n = len(p)
    q = [mp.mpf(0)] * n
    for j in range(n):
        for k in range(j + 1):
            q[k] += p[j] * mp.binomial(j, k) * m ** (j - k)
    coeffs = [float(c) for c in q]
    worst = mp.mpf(0)
    for i in range(4001):
        t = a + (b - a) * i / 4000
        u = t - m
        acc = mp.mpf(0)
        for c in reversed(coeffs):
            acc = acc * u + mp.mpf(c)
        err = abs(acc - f(t)) * (1 if weight is None else weight(t))
        worst = max(worst, err)
    bits = float(mp.log(worst, 2)) if worst > 0 else float('-inf')
    print(f"// {name}: degree {degree} on [{float(a):.17g}, {float(b):.17g}], centre {float(m):.17g}, max error 2^{bits:.1f}")
    for i, c in enumerate(coeffs):
        print(f"    private const double {name}{i} = {c!r};")
    print()
    return coeffs


def safe(f, at_zero):
    return lambda t: at_zero if t == 0 else f(t)


HALF_LN2 = mp.log(2) / 2
SQRT2 = mp.sqrt(2)

# exp: e^r = 1 + r * q(r), |r| <= ln2/2.
q = safe(lambda r: mp.expm1(r) / r, mp.mpf(1))
fit("ExpD", q, -HALF_LN2, HALF_LN2, 10)
fit("ExpF", q, -HALF_LN2, HALF_LN2, 5)

# expm1: e^r - 1 = r + r^2 * h(r), |r| <= ln2/2.
fit("Expm1D", safe(lambda r: (mp.expm1(r) - r) / r ** 2, mp.mpf(1) / 2), -HALF_LN2, HALF_LN2, 10)

# log(1 + f) = f - f^2/2 + s (f^2/2 + z R(z)), s = f / (2 + f), z = s^2, f in [sqrt(1/2) - 1, sqrt(2) - 1].
zmax = ((SQRT2 - 1) / (SQRT2 + 1)) ** 2
fit("LogD", safe(lambda z: (2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z) - 2) / z, mp.mpf(2) / 3), 0, zmax, 6)

# tanh(x) = x + x^3 T(x^2), |x| <= 0.55.
tanh_t = safe(lambda z: (mp.tanh(mp.sqrt(z)) - mp.sqrt(z)) / (z * mp.sqrt(z)), -mp.mpf(1) / 3)
fit("TanhD", tanh_t, 0, mp.mpf("0.3025"), 10)
fit("TanhF", tanh_t, 0, mp.mpf("0.3025"), 4)

# erf(x) = x E(x^2), |x| <= 1.
erf_e = safe(lambda z: mp.erf(mp.sqrt(z)) / mp.sqrt(z), 2 / mp.sqrt(mp.pi))
fit("ErfD", erf_e, 0, 1, 12)
fit("ErfF", erf_e, 0, 1, 7)

# erfc(x) = exp(-x^2) erfcx(x), erfcx(x) = t H(t), t = 3 / (3 + x), x in [0.5, xmax].
def erfc_h(t):
    x = 3 / t - 3
    return mp.erfc(x) * mp.exp(x * x) / t

lo_d, lo_f, hi = 3 / (3 + mp.mpf("27.3")), 3 / (3 + mp.mpf("10.1")), 3 / mp.mpf("3.5")
fit("ErfcxD", erfc_h, lo_d, hi, 23, centre=(lo_d + hi) / 2, weight=lambda t: 1 / erfc_h(t))
fit("ErfcxF", erfc_h, lo_f, hi, 10, centre=(lo_f + hi) / 2, weight=lambda t: 1 / erfc_h(t))
