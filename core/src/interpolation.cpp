#include "vae/interpolation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {

namespace {

// Below this sin Ω the slerp weights sin(tΩ)/sin Ω lose most of their digits to cancellation; the
// chord and the arc between points this close (or opposite) differ by less than float rounding
// anyway for Ω → 0, and for Ω → π there is no single arc to follow.
constexpr double kMinSinAngle = 1e-6;

} // namespace

std::vector<float> interpolate(std::span<const float> a, std::span<const float> b, int n,
                               InterpolationKind kind)
{
    if (a.size() != b.size())
        throw std::invalid_argument("interpolate: endpoints have different sizes (" +
                                    std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                                    ")");
    if (a.empty())
        throw std::invalid_argument("interpolate: endpoints are empty");
    if (n < 2)
        throw std::invalid_argument("interpolate: need at least 2 points (the endpoints), got " +
                                    std::to_string(n));

    const std::size_t dim = a.size();
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (std::size_t k = 0; k < dim; ++k) {
        dot += double(a[k]) * double(b[k]);
        normA += double(a[k]) * double(a[k]);
        normB += double(b[k]) * double(b[k]);
    }
    normA = std::sqrt(normA);
    normB = std::sqrt(normB);

    bool spherical = kind == InterpolationKind::Spherical && normA > 0 && normB > 0;
    double angle = 0;
    double sinAngle = 0;
    if (spherical) {
        angle = std::acos(std::clamp(dot / (normA * normB), -1.0, 1.0));
        sinAngle = std::sin(angle);
        spherical = sinAngle > kMinSinAngle;
    }

    std::vector<float> out(static_cast<std::size_t>(n) * dim);
    for (int i = 0; i < n; ++i) {
        float* row = out.data() + static_cast<std::size_t>(i) * dim;
        // The endpoints are copied, not computed: sin(Ω)/sin(Ω) need not round to exactly 1.
        if (i == 0) {
            std::copy(a.begin(), a.end(), row);
            continue;
        }
        if (i == n - 1) {
            std::copy(b.begin(), b.end(), row);
            continue;
        }
        const double t = double(i) / double(n - 1);
        double wa = 1.0 - t;
        double wb = t;
        if (spherical) {
            wa = std::sin((1.0 - t) * angle) / sinAngle;
            wb = std::sin(t * angle) / sinAngle;
        }
        for (std::size_t k = 0; k < dim; ++k)
            row[k] = static_cast<float>(wa * double(a[k]) + wb * double(b[k]));
    }
    return out;
}

} // namespace vae
