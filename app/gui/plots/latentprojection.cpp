#include "plots/latentprojection.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

struct Projection {
    Q_DECLARE_TR_FUNCTIONS(LatentProjection)
};

QString subscript(int number)
{
    static const QString digits = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
    QString text;
    for (const QChar c : QString::number(number))
        text += digits[c.digitValue()];
    return text;
}

} // namespace

int LatentProjection::column(int axis, int dim) const
{
    const int wanted = axis == 0 ? m_settings.xDim : m_settings.yDim;
    return std::clamp(wanted, 0, std::max(0, dim - 1));
}

bool LatentProjection::isIdentity(int dim) const
{
    if (dim <= 2)
        return true;
    return m_settings.mode == ProjectionSettings::Mode::Dimensions && column(0, dim) == 0 &&
           column(1, dim) == 1;
}

std::shared_ptr<const vae::Posterior>
LatentProjection::projectTest(std::shared_ptr<const vae::Posterior> test)
{
    m_test = std::move(test);
    m_projectedTest.reset();
    m_pca.reset();
    m_totalVariance = 0;
    if (!m_test || m_test->count < 1 || isIdentity(m_test->dim))
        return nullptr;
    if (m_settings.mode == ProjectionSettings::Mode::Pca) {
        m_pca = vae::pcaProjection(m_test->mu, m_test->count, m_test->dim);
        // Total variance (trace of the covariance), for the axis labels' "% of variance".
        const std::size_t d = std::size_t(m_test->dim);
        for (std::size_t k = 0; k < d; ++k) {
            double sum = 0;
            double sumSq = 0;
            for (std::size_t i = 0; i < std::size_t(m_test->count); ++i) {
                const double x = m_test->mu[i * d + k];
                sum += x;
                sumSq += x * x;
            }
            const double mean = sum / m_test->count;
            m_totalVariance += sumSq / m_test->count - mean * mean;
        }
    }
    m_projectedTest = projectOther(*m_test);
    return m_projectedTest;
}

std::shared_ptr<const vae::Posterior>
LatentProjection::projectOther(const vae::Posterior& points) const
{
    if (!m_test || isIdentity(points.dim) || points.dim != m_test->dim)
        return nullptr;
    auto out = std::make_shared<vae::Posterior>();
    out->count = points.count;
    out->dim = 2;
    const std::size_t n = std::size_t(points.count);
    if (m_pca) {
        out->mu = vae::projectPoints(*m_pca, points.mu, points.count, points.dim);
        // σ along a unit axis a of a diagonal Gaussian is sqrt(Σ a_k² σ_k²).
        out->sigma.resize(2 * n);
        const std::size_t d = std::size_t(points.dim);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t a = 0; a < 2; ++a) {
                double var = 0;
                for (std::size_t k = 0; k < d; ++k) {
                    const double s = points.sigma[i * d + k] * m_pca->axes[a * d + k];
                    var += s * s;
                }
                out->sigma[2 * i + a] = static_cast<float>(std::sqrt(var));
            }
    } else {
        const std::size_t d = std::size_t(points.dim);
        const std::size_t x = std::size_t(column(0, points.dim));
        const std::size_t y = std::size_t(column(1, points.dim));
        out->mu.resize(2 * n);
        out->sigma.resize(2 * n);
        for (std::size_t i = 0; i < n; ++i) {
            out->mu[2 * i] = points.mu[i * d + x];
            out->mu[2 * i + 1] = points.mu[i * d + y];
            out->sigma[2 * i] = points.sigma[i * d + x];
            out->sigma[2 * i + 1] = points.sigma[i * d + y];
        }
    }
    return out;
}

QPointF LatentProjection::planeCoordinates(int index) const
{
    const std::size_t i = std::size_t(index);
    if (m_projectedTest)
        return {m_projectedTest->mu[2 * i], m_projectedTest->mu[2 * i + 1]};
    const std::size_t d = std::size_t(m_test->dim);
    return {m_test->mu[i * d], d > 1 ? m_test->mu[i * d + 1] : 0.0f};
}

std::optional<int> LatentProjection::nearestTestPoint(QPointF p) const
{
    if (!m_test || m_test->count < 1)
        return std::nullopt;
    int best = 0;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (int i = 0; i < m_test->count; ++i) {
        const QPointF q = planeCoordinates(i);
        const double dx = q.x() - p.x();
        const double dy = q.y() - p.y();
        const double distance = dx * dx + dy * dy;
        if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

std::vector<float> LatentProjection::lift(QPointF p, int dim) const
{
    std::vector<float> z(static_cast<std::size_t>(std::max(dim, 0)), 0.0f);
    if (z.empty())
        return z;
    // The snapshot must describe this model's space; else fall back to the plain layout.
    const bool matches = m_test && m_test->dim == dim;
    const std::size_t d = z.size();
    std::optional<int> nearest;
    if (matches && m_settings.othersFromNearest && dim > 2)
        nearest = nearestTestPoint(p);
    if (nearest) {
        const float* mu = m_test->mu.data() + std::size_t(*nearest) * d;
        z.assign(mu, mu + d);
    }
    if (matches && m_pca) {
        if (!nearest)
            for (std::size_t k = 0; k < d; ++k)
                z[k] = static_cast<float>(m_pca->mean[k]);
        const std::vector<float> own = vae::projectPoints(*m_pca, z, 1, dim);
        const double shift[2] = {p.x() - own[0], p.y() - own[1]};
        for (std::size_t a = 0; a < 2; ++a)
            for (std::size_t k = 0; k < d; ++k)
                z[k] = static_cast<float>(z[k] + shift[a] * m_pca->axes[a * d + k]);
        return z;
    }
    const bool chosen = matches && !isIdentity(dim);
    const int x = chosen ? column(0, dim) : 0;
    const int y = chosen ? column(1, dim) : 1;
    z[std::size_t(x)] = static_cast<float>(p.x());
    if (dim > 1)
        z[std::size_t(y)] = static_cast<float>(p.y());
    return z;
}

QString LatentProjection::axisLabel(int axis) const
{
    if (m_pca) {
        const double share = m_totalVariance > 0
                                 ? 100.0 * m_pca->variances[std::size_t(axis)] / m_totalVariance
                                 : 0.0;
        return Projection::tr("PC %1 (%2% of variance)")
            .arg(axis + 1)
            .arg(QLocale().toString(share, 'f', 0));
    }
    if (!m_projectedTest)
        return QStringLiteral("z") + subscript(axis + 1);
    return QStringLiteral("z") + subscript(column(axis, m_test->dim) + 1);
}

} // namespace vae::gui
