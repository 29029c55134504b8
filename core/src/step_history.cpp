#include "vae/step_history.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace vae {

namespace {

bool same(double x, double y)
{
    return x == y || (std::isnan(x) && std::isnan(y));
}

bool same(const LossTerms& a, const LossTerms& b)
{
    return same(a.reconstruction, b.reconstruction) && same(a.kl, b.kl) && same(a.elbo, b.elbo);
}

bool same(const StepRecord& a, const StepRecord& b)
{
    return a.step == b.step && same(a.epoch, b.epoch) && same(a.loss, b.loss) &&
           same(a.beta, b.beta) && same(a.learningRate, b.learningRate);
}

// The count-weighted mean of two means; exact for equal means (a + (b − a)·w stays put).
double weighted(double a, std::int64_t na, double b, std::int64_t nb)
{
    return a + (b - a) * (double(nb) / double(na + nb));
}

} // namespace

StepBucket StepBucket::of(const StepRecord& record)
{
    StepBucket b;
    b.firstStep = b.lastStep = record.step;
    b.count = 1;
    b.firstEpoch = b.lastEpoch = record.epoch;
    b.mean = b.min = b.max = record.loss;
    b.meanBeta = record.beta;
    b.meanLearningRate = record.learningRate;
    return b;
}

bool StepBucket::operator==(const StepBucket& other) const
{
    return firstStep == other.firstStep && lastStep == other.lastStep && count == other.count &&
           same(firstEpoch, other.firstEpoch) && same(lastEpoch, other.lastEpoch) &&
           same(mean, other.mean) && same(min, other.min) && same(max, other.max) &&
           same(meanBeta, other.meanBeta) && same(meanLearningRate, other.meanLearningRate);
}

void StepBucket::merge(const StepBucket& later)
{
    auto mean = [&](double& a, double b) { a = weighted(a, count, b, later.count); };
    mean(this->mean.reconstruction, later.mean.reconstruction);
    mean(this->mean.kl, later.mean.kl);
    mean(this->mean.elbo, later.mean.elbo);
    mean(meanBeta, later.meanBeta);
    mean(meanLearningRate, later.meanLearningRate);
    min.reconstruction = std::fmin(min.reconstruction, later.min.reconstruction);
    min.kl = std::fmin(min.kl, later.min.kl);
    min.elbo = std::fmin(min.elbo, later.min.elbo);
    max.reconstruction = std::fmax(max.reconstruction, later.max.reconstruction);
    max.kl = std::fmax(max.kl, later.max.kl);
    max.elbo = std::fmax(max.elbo, later.max.elbo);
    lastStep = later.lastStep;
    lastEpoch = later.lastEpoch;
    count += later.count;
}

StepHistory::StepHistory(std::size_t recentCapacity, std::size_t maxBuckets)
    : m_recentCapacity(recentCapacity), m_maxBuckets(maxBuckets)
{
    if (recentCapacity == 0 || maxBuckets < 2)
        throw std::invalid_argument("StepHistory needs a recent capacity ≥ 1 and ≥ 2 buckets");
}

StepHistory::StepHistory(std::initializer_list<StepRecord> records)
{
    append(records.begin(), records.end());
}

StepHistory::StepHistory(const std::vector<StepRecord>& records)
{
    append(records);
}

StepHistory::StepHistory(std::vector<StepBucket> buckets, const std::vector<StepRecord>& recent,
                         std::size_t recentCapacity, std::size_t maxBuckets)
    : StepHistory(recentCapacity, maxBuckets)
{
    m_buckets = std::move(buckets);
    for (const StepBucket& b : m_buckets) {
        m_width = std::max(m_width, b.count);
        m_bucketed += b.count;
    }
    while (m_buckets.size() > m_maxBuckets)
        halveBuckets();
    append(recent);
}

void StepHistory::push_back(const StepRecord& record)
{
    m_recent.push_back(record);
    if (m_recent.size() > m_recentCapacity)
        bucketOldest();
}

void StepHistory::bucketOldest()
{
    const StepRecord& oldest = m_recent.front();
    if (!m_buckets.empty() && m_buckets.back().count < m_width) {
        m_buckets.back().merge(StepBucket::of(oldest));
    } else {
        if (m_buckets.size() >= m_maxBuckets)
            halveBuckets();
        if (!m_buckets.empty() && m_buckets.back().count < m_width)
            m_buckets.back().merge(StepBucket::of(oldest));
        else
            m_buckets.push_back(StepBucket::of(oldest));
    }
    ++m_bucketed;
    m_recent.pop_front();
}

void StepHistory::halveBuckets()
{
    std::size_t out = 0;
    for (std::size_t i = 0; i < m_buckets.size(); i += 2, ++out) {
        StepBucket merged = m_buckets[i];
        if (i + 1 < m_buckets.size())
            merged.merge(m_buckets[i + 1]);
        m_buckets[out] = merged;
    }
    m_buckets.resize(out);
    m_width *= 2;
}

void StepHistory::truncateAfter(std::int64_t step)
{
    while (!m_recent.empty() && m_recent.back().step > step)
        m_recent.pop_back();
    if (!m_recent.empty())
        return; // buckets all precede the recent records
    while (!m_buckets.empty() && m_buckets.back().lastStep > step) {
        m_bucketed -= m_buckets.back().count;
        m_buckets.pop_back();
    }
}

void StepHistory::clear()
{
    m_recent.clear();
    m_buckets.clear();
    m_width = 1;
    m_bucketed = 0;
}

std::int64_t StepHistory::lastStep() const
{
    if (!m_recent.empty())
        return m_recent.back().step;
    return m_buckets.empty() ? 0 : m_buckets.back().lastStep;
}

double StepHistory::lastEpoch() const
{
    if (!m_recent.empty())
        return m_recent.back().epoch;
    return m_buckets.empty() ? 0.0 : m_buckets.back().lastEpoch;
}

bool StepHistory::operator==(const StepHistory& other) const
{
    return m_buckets == other.m_buckets && m_recent.size() == other.m_recent.size() &&
           std::equal(m_recent.begin(), m_recent.end(), other.m_recent.begin(),
                      [](const StepRecord& a, const StepRecord& b) { return same(a, b); });
}

} // namespace vae
