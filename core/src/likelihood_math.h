#pragma once
// Internal to vae_core: the continuous Bernoulli's normaliser and mean for one logit, written once
// for float (the training step's kernel, kernels.cpp) and double (the public functions in
// vae/likelihood_kind.h). The formulas and the band are documented there and in docs/theory.md.

#include "vae/likelihood_kind.h"

#include <algorithm>
#include <cmath>

namespace vae::detail {

/// log C at logit l and, in `derivative`, d log C / dl. With u = l/2, a = |l|:
///   log C = log a − log(1 − e^−a) + log(1 + e^−a)      (C = l / tanh(l/2))
///   d/dl  = sign(l) · (1/a − 2e^−a/(1 − e^−2a))         (1/l − 1/sinh l)
/// and inside the band their Taylor series (sympy: series(log(u/tanh u), u)).
template <class T> T continuousBernoulliLogNormalizer(T l, T& derivative)
{
    constexpr T kBand = T(kContinuousBernoulliTaylorBand);
    const T a = std::fabs(l);
    if (a < kBand) {
        const T u = T(0.5) * l;
        const T u2 = u * u;
        derivative = u * (T(1) / T(3) +
                          u2 * (T(-7) / T(45) + u2 * (T(62) / T(945) + u2 * (T(-127) / T(4725)))));
        return T(0.69314718055994530942) +
               u2 * (T(1) / T(3) +
                     u2 * (T(-7) / T(90) + u2 * (T(62) / T(2835) + u2 * (T(-127) / T(18900)))));
    }
    // a ≥ the band here; the max keeps it so where a vectorised loop evaluates both branches.
    const T b = std::max(a, kBand);
    const T e = std::exp(-b); // in (0, e^−0.2]: 1 − e and 1 − e² stay ≥ 0.18
    const T slope = T(1) / b - T(2) * e / ((T(1) - e) * (T(1) + e));
    derivative = l < T(0) ? -slope : slope;
    return std::log(b) - std::log1p(-e) + std::log1p(e);
}

/// The mean E[x] at logit l: ½ + ½ (coth u − 1/u), u = l/2.
template <class T> T continuousBernoulliMean(T l)
{
    constexpr T kBand = T(kContinuousBernoulliTaylorBand);
    const T u = T(0.5) * l;
    if (std::fabs(l) < kBand) {
        const T u2 = u * u;
        return T(0.5) + T(0.5) * u * (T(1) / T(3) + u2 * (T(-1) / T(45) + u2 * (T(2) / T(945))));
    }
    const T v = std::max(std::fabs(u), T(0.5) * kBand); // as above; the mean is odd in u about ½
    const T half = T(0.5) * (T(1) / std::tanh(v) - T(1) / v);
    return T(0.5) + (u < T(0) ? -half : half);
}

} // namespace vae::detail
