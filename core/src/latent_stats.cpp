#include "vae/latent_stats.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace vae {

namespace {

void requireShape(std::size_t size, int count, int dim, const char* what)
{
    if (count < 1 || dim < 1)
        throw std::invalid_argument(std::string(what) + ": count and dim must be at least 1");
    if (size != static_cast<std::size_t>(count) * static_cast<std::size_t>(dim))
        throw std::invalid_argument(std::string(what) + ": expected " +
                                    std::to_string(std::size_t(count) * std::size_t(dim)) +
                                    " values (count × dim), got " + std::to_string(size));
}

/// Cyclic Jacobi: diagonalises the symmetric n×n matrix `a` (row-major, destroyed) and returns the
/// eigenvalues; `v` receives the eigenvectors as columns.
std::vector<double> jacobiEigen(std::vector<double>& a, std::vector<double>& v, int n)
{
    const auto at = [n](std::vector<double>& m, int r, int c) -> double& {
        return m[static_cast<std::size_t>(r) * std::size_t(n) + std::size_t(c)];
    };
    v.assign(std::size_t(n) * std::size_t(n), 0.0);
    for (int i = 0; i < n; ++i)
        at(v, i, i) = 1.0;
    // Quadratic convergence: a handful of sweeps reach rounding level; 100 is a safety bound.
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        double total = 0;
        for (int p = 0; p < n; ++p)
            for (int q = 0; q < n; ++q) {
                const double x = at(a, p, q) * at(a, p, q);
                total += x;
                if (p != q)
                    off += x;
            }
        if (off <= 1e-30 * total || off == 0)
            break;
        for (int p = 0; p < n - 1; ++p) {
            for (int q = p + 1; q < n; ++q) {
                const double apq = at(a, p, q);
                if (apq == 0)
                    continue;
                // Rotation that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.5.1).
                const double theta = (at(a, q, q) - at(a, p, p)) / (2 * apq);
                const double t =
                    (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1);
                const double s = t * c;
                for (int k = 0; k < n; ++k) {
                    const double akp = at(a, k, p);
                    const double akq = at(a, k, q);
                    at(a, k, p) = c * akp - s * akq;
                    at(a, k, q) = s * akp + c * akq;
                }
                for (int k = 0; k < n; ++k) {
                    const double apk = at(a, p, k);
                    const double aqk = at(a, q, k);
                    at(a, p, k) = c * apk - s * aqk;
                    at(a, q, k) = s * apk + c * aqk;
                }
                for (int k = 0; k < n; ++k) {
                    const double vkp = at(v, k, p);
                    const double vkq = at(v, k, q);
                    at(v, k, p) = c * vkp - s * vkq;
                    at(v, k, q) = s * vkp + c * vkq;
                }
            }
        }
    }
    std::vector<double> values(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        values[std::size_t(i)] = at(a, i, i);
    return values;
}

} // namespace

std::vector<double> klPerDimension(const Posterior& posterior)
{
    requireShape(posterior.mu.size(), posterior.count, posterior.dim, "klPerDimension: mu");
    requireShape(posterior.sigma.size(), posterior.count, posterior.dim, "klPerDimension: sigma");
    const std::size_t dim = static_cast<std::size_t>(posterior.dim);
    std::vector<double> kl(dim, 0.0);
    for (std::size_t i = 0; i < posterior.mu.size(); ++i) {
        const double mu = posterior.mu[i];
        const double sigma = posterior.sigma[i];
        if (!(sigma > 0))
            throw std::invalid_argument("klPerDimension: every σ must be > 0");
        const double var = sigma * sigma;
        kl[i % dim] += 0.5 * (mu * mu + var - 1.0 - std::log(var));
    }
    for (double& value : kl)
        value /= posterior.count;
    return kl;
}

int activeUnits(std::span<const double> klPerDim, double threshold)
{
    if (!std::isfinite(threshold) || threshold < 0)
        throw std::invalid_argument("activeUnits: the threshold must be a finite number ≥ 0");
    return static_cast<int>(
        std::count_if(klPerDim.begin(), klPerDim.end(), [&](double kl) { return kl > threshold; }));
}

PcaProjection pcaProjection(std::span<const float> points, int count, int dim)
{
    requireShape(points.size(), count, dim, "pcaProjection");
    const std::size_t n = static_cast<std::size_t>(count);
    const std::size_t d = static_cast<std::size_t>(dim);
    PcaProjection pca;
    pca.dim = dim;
    pca.mean.assign(d, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < d; ++k)
            pca.mean[k] += points[i * d + k];
    for (double& m : pca.mean)
        m /= double(count);

    std::vector<double> cov(d * d, 0.0);
    std::vector<double> row(d);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < d; ++k)
            row[k] = points[i * d + k] - pca.mean[k];
        for (std::size_t p = 0; p < d; ++p)
            for (std::size_t q = p; q < d; ++q)
                cov[p * d + q] += row[p] * row[q];
    }
    for (std::size_t p = 0; p < d; ++p)
        for (std::size_t q = p; q < d; ++q) {
            cov[p * d + q] /= double(count);
            cov[q * d + p] = cov[p * d + q];
        }

    std::vector<double> vectors;
    const std::vector<double> values = jacobiEigen(cov, vectors, dim);
    std::vector<std::size_t> order(d);
    for (std::size_t i = 0; i < d; ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });

    pca.axes.assign(2 * d, 0.0);
    pca.variances.assign(2, 0.0);
    for (std::size_t c = 0; c < std::min<std::size_t>(2, d); ++c) {
        const std::size_t col = order[c];
        double* axis = pca.axes.data() + c * d;
        std::size_t largest = 0;
        for (std::size_t k = 0; k < d; ++k) {
            axis[k] = vectors[k * d + col];
            if (std::abs(axis[k]) > std::abs(axis[largest]))
                largest = k;
        }
        if (axis[largest] < 0)
            for (std::size_t k = 0; k < d; ++k)
                axis[k] = -axis[k];
        // Rounding can leave a tiny negative eigenvalue for a degenerate direction.
        pca.variances[c] = std::max(0.0, values[col]);
    }
    pca.coordinates = projectPoints(pca, points, count, dim);
    return pca;
}

std::vector<float> projectPoints(const PcaProjection& pca, std::span<const float> points, int count,
                                 int dim)
{
    requireShape(points.size(), count, dim, "projectPoints");
    if (dim != pca.dim)
        throw std::invalid_argument("projectPoints: the points have " + std::to_string(dim) +
                                    " dimensions, the projection " + std::to_string(pca.dim));
    const std::size_t d = static_cast<std::size_t>(dim);
    std::vector<float> out(static_cast<std::size_t>(count) * 2);
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
        double p0 = 0;
        double p1 = 0;
        for (std::size_t k = 0; k < d; ++k) {
            const double x = points[i * d + k] - pca.mean[k];
            p0 += x * pca.axes[k];
            p1 += x * pca.axes[d + k];
        }
        out[2 * i] = static_cast<float>(p0);
        out[2 * i + 1] = static_cast<float>(p1);
    }
    return out;
}

std::vector<float> traversalGrid(std::span<const float> z, int dim, int steps, double lo, double hi)
{
    if (dim < 1 || z.size() != static_cast<std::size_t>(dim))
        throw std::invalid_argument("traversalGrid: z must hold dim ≥ 1 values");
    if (steps < 1)
        throw std::invalid_argument("traversalGrid: steps must be at least 1");
    if (!std::isfinite(lo) || !std::isfinite(hi))
        throw std::invalid_argument("traversalGrid: lo and hi must be finite");
    const std::size_t d = static_cast<std::size_t>(dim);
    std::vector<float> grid;
    grid.reserve(d * std::size_t(steps) * d);
    for (std::size_t k = 0; k < d; ++k) {
        for (int s = 0; s < steps; ++s) {
            grid.insert(grid.end(), z.begin(), z.end());
            const double t = steps == 1 ? 0.0 : double(s) / double(steps - 1);
            grid[grid.size() - d + k] = static_cast<float>(lo + t * (hi - lo));
        }
    }
    return grid;
}

} // namespace vae
