#include "vae/disentanglement.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {

namespace {

/// Plug-in mutual information of two discrete variables from their joint counts [a, b], nats.
double mutualInformation(const std::vector<double>& joint, int a, int b, double n)
{
    std::vector<double> rowSum(std::size_t(a), 0.0), colSum(std::size_t(b), 0.0);
    for (int i = 0; i < a; ++i)
        for (int j = 0; j < b; ++j) {
            rowSum[std::size_t(i)] += joint[std::size_t(i * b + j)];
            colSum[std::size_t(j)] += joint[std::size_t(i * b + j)];
        }
    double mi = 0;
    for (int i = 0; i < a; ++i)
        for (int j = 0; j < b; ++j) {
            const double c = joint[std::size_t(i * b + j)];
            if (c > 0)
                mi += c / n * std::log(c * n / (rowSum[std::size_t(i)] * colSum[std::size_t(j)]));
        }
    return std::max(0.0, mi);
}

} // namespace

MutualInformationGap mutualInformationGap(std::span<const float> mu, int count, int dim,
                                          std::span<const std::uint8_t> factors,
                                          std::span<const int> factorSizes, int bins)
{
    const int factorCount = int(factorSizes.size());
    if (count < 2 || dim < 1 || factorCount < 1 || bins < 2)
        throw std::invalid_argument("mutualInformationGap: needs at least 2 examples, 1 latent "
                                    "dimension, 1 factor and 2 bins");
    if (mu.size() != std::size_t(count) * std::size_t(dim) ||
        factors.size() != std::size_t(count) * std::size_t(factorCount))
        throw std::invalid_argument("mutualInformationGap: " + std::to_string(mu.size()) +
                                    " latent values and " + std::to_string(factors.size()) +
                                    " factor values do not make " + std::to_string(count) +
                                    " examples of " + std::to_string(dim) + " and " +
                                    std::to_string(factorCount));
    for (int k = 0; k < factorCount; ++k)
        if (factorSizes[std::size_t(k)] < 1)
            throw std::invalid_argument("mutualInformationGap: factor " + std::to_string(k) +
                                        " has no values");
    for (int i = 0; i < count; ++i)
        for (int k = 0; k < factorCount; ++k)
            if (factors[std::size_t(i) * std::size_t(factorCount) + std::size_t(k)] >=
                factorSizes[std::size_t(k)])
                throw std::invalid_argument(
                    "mutualInformationGap: example " + std::to_string(i) + " has factor " +
                    std::to_string(k) + " = " +
                    std::to_string(factors[std::size_t(i) * std::size_t(factorCount) + std::size_t(k)]) +
                    ", outside 0–" + std::to_string(factorSizes[std::size_t(k)] - 1));

    // Each dimension's bin per example: equal widths between its minimum and maximum, the
    // maximum in the last bin (numpy.histogram's edges with numpy.digitize on all but the last).
    std::vector<int> code(std::size_t(count) * std::size_t(dim));
    for (int j = 0; j < dim; ++j) {
        float low = mu[std::size_t(j)], high = low;
        for (int i = 0; i < count; ++i) {
            const float v = mu[std::size_t(i) * std::size_t(dim) + std::size_t(j)];
            low = std::min(low, v);
            high = std::max(high, v);
        }
        const double width = (double(high) - double(low)) / bins;
        for (int i = 0; i < count; ++i) {
            const double v = mu[std::size_t(i) * std::size_t(dim) + std::size_t(j)];
            const int bin = width > 0 ? int((v - low) / width) : 0;
            code[std::size_t(j) * std::size_t(count) + std::size_t(i)] = std::clamp(bin, 0, bins - 1);
        }
    }

    MutualInformationGap result;
    result.mutualInformation.assign(std::size_t(factorCount) * std::size_t(dim), 0.0);
    const double n = count;
    double sum = 0;
    int counted = 0;
    for (int k = 0; k < factorCount; ++k) {
        const int values = factorSizes[std::size_t(k)];
        const auto factorOf = [&](int i) {
            return int(factors[std::size_t(i) * std::size_t(factorCount) + std::size_t(k)]);
        };
        std::vector<double> self(std::size_t(values) * std::size_t(values), 0.0);
        for (int i = 0; i < count; ++i)
            self[std::size_t(factorOf(i) * values + factorOf(i))] += 1;
        const double entropy = mutualInformation(self, values, values, n); // I(v; v) = H(v)
        result.factorEntropy.push_back(entropy);
        std::vector<double> joint(std::size_t(values) * std::size_t(bins));
        for (int j = 0; j < dim; ++j) {
            std::fill(joint.begin(), joint.end(), 0.0);
            for (int i = 0; i < count; ++i)
                joint[std::size_t(factorOf(i) * bins +
                                  code[std::size_t(j) * std::size_t(count) + std::size_t(i)])] += 1;
            result.mutualInformation[std::size_t(k) * std::size_t(dim) + std::size_t(j)] =
                mutualInformation(joint, values, bins, n);
        }
        if (entropy <= 0) {
            result.gap.push_back(0);
            result.bestDimension.push_back(-1);
            continue;
        }
        const auto row = std::span(result.mutualInformation)
                             .subspan(std::size_t(k) * std::size_t(dim), std::size_t(dim));
        const auto best = std::max_element(row.begin(), row.end());
        double second = 0;
        for (auto it = row.begin(); it != row.end(); ++it)
            if (it != best)
                second = std::max(second, *it);
        const double gap = (*best - second) / entropy;
        result.gap.push_back(gap);
        result.bestDimension.push_back(int(best - row.begin()));
        sum += gap;
        ++counted;
    }
    result.mig = counted > 0 ? sum / counted : 0.0;
    return result;
}

} // namespace vae
