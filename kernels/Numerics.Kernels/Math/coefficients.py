#!/usr/bin/env python3
"""Derives the polynomial coefficients used by KernelMath.

Run with python3 (needs mpmath >= 1.3, nothing else):  python3 coefficients.py
It prints one C# constant block per approximation, in the order the .cs files use them,
and the measured maximum error of the double-rounded polynomial against mpmath.

Method: mpmath.chebyfit (Chebyshev interpolation, within a small factor of minimax) of a
smooth, well-scaled auxiliary function on the reduction interval, re-expanded in monomials
around the interval centre so that Horner evaluation is stable (terms shrink geometrically).
Single-precision fits ("...S") round the coefficients to float and measure the error with the
rounded values.
"""
import struct

import mpmath as mp

mp.mp.dps = 60


def to_float32(x):
    return struct.unpack("f", struct.pack("f", float(x)))[0]


def fit(name, f, a, b, degree, centre=None, weight=None, single=False):
    """Fits f on [a, b] by a polynomial of the given degree in u = t - centre.

    Returns the double-rounded (with single=True: float-rounded) coefficients c0..cn (lowest
    first) and prints them with the maximum error |p(u) - f(t)| * weight(t), evaluated in high
    precision with the rounded coefficients.
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
    coeffs = [to_float32(c) if single else float(c) for c in q]
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
        if single:
            print(f"    private const float {name}{i} = {c!r}f;")
        else:
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
# single-precision exp: e^r = 1 + r + r^2 * h(r), |r| <= ln2/2.
fit("ExpS", safe(lambda r: (mp.expm1(r) - r) / r ** 2, mp.mpf(1) / 2), -HALF_LN2, HALF_LN2, 5, single=True)

# expm1: e^r - 1 = r + r^2 * h(r), |r| <= ln2/2.
fit("Expm1D", safe(lambda r: (mp.expm1(r) - r) / r ** 2, mp.mpf(1) / 2), -HALF_LN2, HALF_LN2, 10)

# log(1 + f) = f - f^2/2 + s (f^2/2 + z R(z)), s = f / (2 + f), z = s^2, f in [sqrt(1/2) - 1, sqrt(2) - 1].
zmax = ((SQRT2 - 1) / (SQRT2 + 1)) ** 2
fit("LogD", safe(lambda z: (2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z) - 2) / z, mp.mpf(2) / 3), 0, zmax, 6)

# tanh(x) = x + x^3 T(x^2), |x| <= 0.55.
tanh_t = safe(lambda z: (mp.tanh(mp.sqrt(z)) - mp.sqrt(z)) / (z * mp.sqrt(z)), -mp.mpf(1) / 3)
fit("TanhD", tanh_t, 0, mp.mpf("0.3025"), 10)
fit("TanhS", tanh_t, 0, mp.mpf("0.3025"), 4, single=True)

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


# --- Single-precision normal distribution (KernelMath.Normal.cs) ---------------------------------
# Float-lane fits. Rounding every coefficient of a good double fit to float can cost several bits, so
# these are fitted on a dense grid by weighted least squares with Lawson's reweighting (converging
# towards minimax), and rounded to float one coefficient at a time from the highest degree down, the
# lower ones refitted each time so that they absorb the rounding of the higher ones.


def lawson_fit(f, weight, nodes, centre, fixed, free_degree, iterations=20):
    """Coefficients c0..c_free_degree (lowest first) minimising max |sum c_i u^i + fixed(u) - f| * weight."""
    us = [t - centre for t in nodes]
    target = [f(t) - fixed(u) for t, u in zip(nodes, us)]
    scale = [weight(t) for t in nodes]
    lawson = [mp.mpf(1)] * len(nodes)
    coeffs = None
    for _ in range(iterations):
        rows = [[mp.sqrt(lw) * s * u ** j for j in range(free_degree + 1)] for lw, s, u in zip(lawson, scale, us)]
        rhs = [mp.sqrt(lw) * s * y for lw, s, y in zip(lawson, scale, target)]
        coeffs = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))[0]
        errors = [abs(sum(coeffs[j] * u ** j for j in range(free_degree + 1)) - y) * s for u, y, s in zip(us, target, scale)]
        total = sum(lw * e for lw, e in zip(lawson, errors))
        lawson = [lw * e / total for lw, e in zip(lawson, errors)]
    return [coeffs[j] for j in range(free_degree + 1)]


def fit_float(name, f, a, b, degree, centre, weight, split_constant=False, points=200):
    """A float polynomial in u = t - centre (centre a float) for f on [a, b], error weighted by weight(t);
    with split_constant the constant term is a float pair {name}0 + {name}0Low. Prints and returns it."""
    a, b, m = mp.mpf(a), mp.mpf(b), mp.mpf(to_float32(centre))
    nodes = [(a + b) / 2 - (b - a) / 2 * mp.cos(mp.pi * i / (points - 1)) for i in range(points)]
    high = []  # float coefficients of u^degree, u^(degree-1), ...
    for j in range(degree, -1, -1):
        def fixed(u, high=tuple(high)):
            return sum(c * u ** (degree - i) for i, c in enumerate(high))
        c = lawson_fit(f, weight, nodes, m, fixed, j)[j]
        high.append(c if j == 0 and split_constant else mp.mpf(to_float32(c)))
    coeffs = list(reversed(high))
    c0_hi = to_float32(coeffs[0])
    c0_lo = to_float32(coeffs[0] - c0_hi)
    coeffs[0] = mp.mpf(c0_hi) + (mp.mpf(c0_lo) if split_constant else 0)
    worst = mp.mpf(0)
    for i in range(4001):
        t = a + (b - a) * i / 4000
        u = t - m
        acc = mp.mpf(0)
        for c in reversed(coeffs):
            acc = acc * u + c
        worst = max(worst, abs(acc - f(t)) * weight(t))
    print(f"// {name}: degree {degree} on [{float(a):.17g}, {float(b):.17g}], centre {float(m)!r}f, max error 2^{float(mp.log(worst, 2)):.1f}")
    print(f"    private const float {name}0 = {c0_hi!r}f;")
    if split_constant:
        print(f"    private const float {name}0Low = {c0_lo!r}f;")
    for i, c in enumerate(coeffs[1:], 1):
        print(f"    private const float {name}{i} = {to_float32(c)!r}f;")
    print()
    return coeffs


def normal_q(a):
    """Q(a) = 1 - Phi(a) = erfc(a/sqrt2)/2."""
    return mp.erfc(a / SQRT2) / 2


NORMAL_LIMIT = mp.mpf(to_float32(0.67))  # |x| < limit: central polynomial; Phi(-limit) > 1/4
NORMAL_CLAMP = mp.mpf(14.5)              # Phi(-14.5) is 0 in float
NORMAL_K = mp.mpf(3)                     # tail variable t = K/(K + a); see the sensitivity below

# Central: Phi(x) = 1/2 + x P(x^2), error relative to P.
central = safe(lambda z: mp.erf(mp.sqrt(z / 2)) / (2 * mp.sqrt(z)), 1 / mp.sqrt(2 * mp.pi))
fit_float("NormalCentralS", central, 0, NORMAL_LIMIT ** 2, 4, 0, lambda z: 1 / central(z))


# Tail: Q(a) = e^(-a^2/2) t H(t), t = K/(K + a), a in [limit, clamp]; relative error.
def normal_h(t):
    a = NORMAL_K / t - NORMAL_K
    return normal_q(a) * mp.exp(a * a / 2) / t


t_lo, t_hi = NORMAL_K / (NORMAL_K + NORMAL_CLAMP), NORMAL_K / (NORMAL_K + NORMAL_LIMIT)
fit_float("NormalTailS", normal_h, t_lo, t_hi, 9, (t_lo + t_hi) / 2, lambda t: 1 / normal_h(t), split_constant=True)

# The division t = K/(K + a) is off by dt (known from its residual); R = t H(t) then moves by
# dt H (1 + t H'/H) = dt H S(t), S = dln R / dln t, approximated by a line in t (least squares;
# S need only be good to a few bits).
ts = [t_lo + (t_hi - t_lo) * i / 300 for i in range(301)]
ss = []
for t in ts:
    a = NORMAL_K / t - NORMAL_K
    ss.append((a - mp.npdf(a) / normal_q(a)) * -(NORMAL_K + a))
line = mp.qr_solve(mp.matrix([[1, t] for t in ts]), mp.matrix(ss))[0]
worst = max(abs(line[0] + line[1] * t - s) for t, s in zip(ts, ss))
print(f"// NormalTailSensitivity: S(t) in [{float(min(ss)):.3f}, {float(max(ss)):.3f}], line off by at most {float(worst):.3f}")
print(f"    private const float NormalTailSensitivity0 = {to_float32(line[0])!r}f;")
print(f"    private const float NormalTailSensitivity1 = {to_float32(line[1])!r}f;")
print()

# e^r - 1 - r = r^2 h(r) on |r| <= ln2/2 (slightly widened for the low part of the argument), error in e^r.
fit_float("NormalExpS", safe(lambda r: (mp.expm1(r) - r) / r ** 2, mp.mpf(1) / 2), -HALF_LN2 * 1.01, HALF_LN2 * 1.01, 5, 0, lambda r: r * r)

# Single-precision log1p (KernelMath.Log.cs): ln(1 + f) = f - f^2/2 + f^3 q(f), f in [sqrt(1/2) - 1, sqrt(2) - 1],
# error relative to ln(1 + f).
fit_float("Log1pS", safe(lambda f: (mp.log1p(f) - f + f * f / 2) / f ** 3, mp.mpf(1) / 3), 1 / SQRT2 - 1, SQRT2 - 1, 7, 0,
          lambda f: abs(f) ** 3 / abs(mp.log1p(f)) if f != 0 else 0, points=120)
